import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.js';

// Frozen. PostgreSQL search ignores diacritics as SQLite's does: "muller" finds Müller, "cafe"
// finds Café, "οδυσσεας" finds ΟΔΥΣΣΕΑΣ (final sigma), on both engines alike.
//
// SQLite's tokenizer (unicode61 remove_diacritics 2) folds them; PostgreSQL's 'simple'
// configuration does not, and unaccent is an extension that is not always installed and not
// immutable. tessera_fold() maps each letter SQLite folds to what SQLite folds it to: the table
// below was read from SQLite's tokenizer itself, letter by letter (Latin letters with diacritics
// to their base letter, Greek variant forms such as ς and ϐ to σ and β). The tsvector columns are
// rebuilt through it; queries go through it too.

const FOLD_FROM =
  'µÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚě' +
  'ĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻż' +
  'ŽžſƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯ' +
  'ȰȱȲȳͿςϐϑϕϖϰϱϵḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂ' +
  'ṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒ' +
  'ẓẔẕẖẗẘẙẛẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủ' +
  'ỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹιÅ';
const FOLD_TO =
  'μaaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeee' +
  'gggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzz' +
  'zzsoouuaaiioouuuuuuuuuuaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeoooooo' +
  'ooyyͿσβθφπκρεaabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmm' +
  'mnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzz' +
  'zzzhtwysaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuu' +
  'uuuuuuuuuuyyyyyyyyιa';

const PUNCTUATION = `!"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~`;
const SPACES = ' '.repeat(PUNCTUATION.length);
const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
const words0012 = (column: string) =>
  `to_tsvector('simple', translate(${column}, ${quote(PUNCTUATION)}, '${SPACES}'))`;
const folded = (column: string) =>
  `to_tsvector('simple', tessera_fold(translate(${column}, ${quote(PUNCTUATION)}, '${SPACES}')))`;

const COLUMNS = [
  ['tickets', 'subject_tsv', 'subject', 'tickets_subject_tsv_idx'],
  ['messages', 'body_tsv', 'body', 'messages_body_tsv_idx'],
  ['users', 'search_tsv', "name || ' ' || email", 'users_search_tsv_idx'],
] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql
    .raw(
      `create function tessera_fold(t text) returns text language sql immutable parallel safe
      as $$ select translate(t, ${quote(FOLD_FROM)}, ${quote(FOLD_TO)}) $$`,
    )
    .execute(db);
  await rebuildColumns(db, folded);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await rebuildColumns(db, words0012);
  await sql`drop function tessera_fold(text)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
async function rebuildColumns(db: Kysely<any>, expr: (column: string) => string) {
  for (const [table, column, source, index] of COLUMNS) {
    await sql.raw(`drop index ${index}`).execute(db);
    await sql.raw(`alter table ${table} drop column ${column}`).execute(db);
    await sql
      .raw(`alter table ${table} add column ${column} tsvector generated always as (${expr(source)}) stored`)
      .execute(db);
    await sql.raw(`create index ${index} on ${table} using gin (${column})`).execute(db);
  }
}
