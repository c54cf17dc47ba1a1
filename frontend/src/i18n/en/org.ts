export default {
  pickPosition: 'Choose a position',
  searchPosition: 'Search position or unit',
  searchUser: 'Type a name, username or NIP',
  pickUnit: 'Choose a work unit',
  unitKinds: {
    setda: 'Regional Secretariat',
    asisten: 'Assistant',
    biro: 'Bureau',
    bagian: 'Section',
    lainnya: 'Other',
  },
  positionKinds: {
    sekda: 'Regional Secretary',
    asisten: 'Assistant',
    kepala_biro: 'Head of Bureau',
    kepala_bagian: 'Head of Section',
    staf: 'Staff',
  },
  actingKinds: {
    plt: 'Plt. (acting official)',
    plh: 'Plh. (daily acting official)',
  },
};
