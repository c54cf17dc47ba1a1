export default {
  workingAs: 'Working as',
  noPosition: 'You do not hold a position in Lontar yet.',
  positions: 'Your positions',
  active: 'Active',
  noPositionHelp:
    'No position has been assigned to your account. Letters are addressed to positions, so ask the Lontar administrator to assign yours.',
  noPositionAdmin:
    'An admin needs no position to manage Lontar. A position is only needed to receive or send letters as well.',
  access: 'Roles and access',
  roles: 'Roles',
  noRoles: 'Your account has no roles yet. Contact the Lontar administrator.',
  clearance: 'Security clearance',
  demoPassword: 'Your account still uses the widely known demo password.',
  changePassword: 'Change your password now',
  shortcuts: 'Quick access',
};
