import { defineMessages } from '../../i18n/index.js';

// What the knowledge base refuses, in the asker's language (the error handler translates).

export const KB_REFUSALS = defineMessages({
  noArticle: { id: 'error.kb.no_article', defaultMessage: 'No such article' },
  noArticleId: { id: 'error.kb.no_article_id', defaultMessage: 'No article {id}' },
  noVersion: { id: 'error.kb.no_version', defaultMessage: 'This article has no version {version}' },
  noCategory: { id: 'error.kb.no_category', defaultMessage: 'No such category' },
  noSuchCategory: { id: 'error.kb.no_such_category', defaultMessage: 'no such category' },
  ownerNotStaff: { id: 'error.kb.owner_not_staff', defaultMessage: 'must be a member of staff' },
  notADay: { id: 'error.kb.not_a_day', defaultMessage: 'is not a day of the calendar' },
  audiencesUnrestricted: {
    id: 'error.kb.audiences_unrestricted',
    defaultMessage: 'only an article restricted to organisations and plans has audiences',
  },
  noAudience: {
    id: 'error.kb.no_audience',
    defaultMessage: 'name at least one organisation or plan that may read it',
  },
  unknownAudience: {
    id: 'error.kb.unknown_audience',
    defaultMessage: '{kind, select, plan {no such plan: {id}} other {no such organisation: {id}}}',
  },
  noAttachment: {
    id: 'error.kb.no_attachment',
    defaultMessage: 'no such attachment (uploads must be your own, unused and recent)',
  },
  articleSlugTaken: {
    id: 'error.kb.article_slug_taken',
    defaultMessage: 'Another article already has the slug “{slug}”',
  },
  categorySlugTaken: {
    id: 'error.kb.category_slug_taken',
    defaultMessage: 'Another category already has the slug “{slug}”',
  },
  slugRace: {
    id: 'error.kb.slug_race',
    defaultMessage:
      '{what, select, category {Another category took this slug just now; choose another} other {Another article took this slug just now; choose another}}',
  },
  changedMeanwhile: {
    id: 'error.kb.changed_meanwhile',
    defaultMessage:
      'This article was changed meanwhile: version {version} is current; reload it and make your change again',
  },
  ownSection: { id: 'error.kb.own_section', defaultMessage: 'a category cannot be its own section' },
  parentIsSection: {
    id: 'error.kb.parent_is_section',
    defaultMessage: 'is a section; sections have no sections',
  },
  hasSections: {
    id: 'error.kb.has_sections',
    defaultMessage: 'this category has sections of its own, so it cannot become a section',
  },
  notEmpty: {
    id: 'error.kb.category_not_empty',
    defaultMessage:
      '“{name}” still holds {articles} article(s) and {sections} section(s); move or delete them first',
  },
  notADate: { id: 'error.kb.not_a_date', defaultMessage: 'is not a date of the calendar' },
  fromAfterTo: { id: 'error.kb.from_after_to', defaultMessage: 'must not be after to' },
});
