export default {
  loading: 'Loading…',
  retry: 'Try again',
  retrying: 'Trying again…',
  loadFailed: 'The data could not be loaded.',
  stale: 'The data on screen may be out of date: the last refresh failed.',
  chooseFile: 'Choose file…',
  actionFailed: 'The action did not succeed.',
};
