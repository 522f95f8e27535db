// The top file: which SLS files each minion gets.
export { matchTop, type TopMatcher } from './match-top.js';
export { TopFileError, type TopFile, type TopSection } from './top-data.js';
