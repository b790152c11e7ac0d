import browser from 'webextension-polyfill';

// Every extension API call goes through the polyfill so Chrome and Firefox share one promise-based API.
export { browser };
