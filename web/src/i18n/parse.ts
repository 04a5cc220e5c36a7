import { type MessageFormatElement, parse } from '@formatjs/icu-messageformat-parser';

// The message parser, loaded only when texts arrive at run time; the build ships every text of
// the code and the catalogues already parsed (web/messages-plugin.ts).

/** The parsed text, or undefined when it is not a valid ICU message (it is then left out). */
export function parseMessage(text: string): MessageFormatElement[] | undefined {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}
