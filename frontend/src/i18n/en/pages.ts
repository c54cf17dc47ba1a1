export default {
  backHome: 'Back to Home',
  comingSoon: {
    title: 'This feature is being prepared',
    body: 'This section cannot be used yet. The other features in the menu work as usual.',
  },
  forbidden: {
    title: 'You do not have access to this page',
    body: 'This page is for users with particular roles. Contact the Lontar administrator if you need access.',
  },
  notFound: {
    title: 'The page you are looking for does not exist',
    body: 'The address may be mistyped or the page has moved.',
  },
};
