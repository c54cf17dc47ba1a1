export default {
  headline: 'Correspondence and archives in one place',
  lead: 'Lontar records every letter entering and leaving the Regional Secretariat, routes dispositions and keeps the archive easy to find.',
  point1: 'Incoming letter registration and the agenda book',
  point2: 'Tiered dispositions with deadlines and follow-up reports',
  point3: 'Searchable scanned archives with retention schedules',
  title: 'Log in to Lontar',
  subtitle: 'Use the account given to you by the Lontar administrator.',
  username: 'Username',
  password: 'Password',
  lockCountdown: 'The Log in button is enabled again in {wait}.',
  submit: 'Log in',
  help: 'Forgot your password? Contact the Lontar administrator at the General Bureau administration section.',
};
