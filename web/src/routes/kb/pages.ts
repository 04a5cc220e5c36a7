// The knowledge base's pages, loaded together when one of them is first opened.
export { EditArticlePage, NewArticlePage } from './ArticleEditor';
export { ArticlesPage } from './Articles';
export { CategoriesPage } from './Categories';
export { ArticleHistoryPage } from './History';
