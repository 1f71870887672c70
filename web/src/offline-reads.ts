/**
 * Which API reads the service worker keeps for offline use (network first): a grid worker's lists
 * and the matter, ballot and meeting pages they open at the door. Never the session, logins, files,
 * exports or live streams.
 */
const OFFLINE_READS = [
  /^\/api\/matters$/,
  /^\/api\/matters\/\d+(\/(ballots|comments|implementation|invitations|meetings|notices|resolution|supervision))?$/,
  /^\/api\/ballots\/\d+(\/(electors|proxies))?$/,
  /^\/api\/ballot-rules$/,
  /^\/api\/meetings\/\d+(\/(sheet|minutes))?$/,
  /^\/api\/(inbox|places\/home|supervision\/due)$/,
];

/** The Cache Storage name of the kept reads (cleared at logout: they hold the account's view). */
export const API_CACHE = 'yishi-api-v1';

/** Whether a GET of this path may be kept for offline use. */
export const isOfflineRead = (pathname: string): boolean => OFFLINE_READS.some((pattern) => pattern.test(pathname));
