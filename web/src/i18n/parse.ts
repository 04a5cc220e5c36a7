import { parse } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';

// The message parser, loaded only when texts arrive at run time; the build ships every text of
// the code and the catalogues already parsed (web/messages-plugin.ts).
IntlMessageFormat.__parse = parse;

export const parseMessage = (text: string) => parse(text);
