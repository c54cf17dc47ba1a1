import mongoose, { Schema, type InferSchemaType } from 'mongoose';

export const PROPOSAL_KINDS = ['transfer', 'disposal', 'handover'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

/** The officials who approve each kind of proposal, in order (domain.md §5: appraisal,
 * approval, decree), and the names printed on the paperwork. One document. */
const settingsSchema = new Schema(
  {
    _id: { type: String, required: true },
    transferApprovers: { type: [Schema.Types.ObjectId], default: [] },
    disposalApprovers: { type: [Schema.Types.ObjectId], default: [] },
    handoverApprovers: { type: [Schema.Types.ObjectId], default: [] },
    /** Pusat arsip (records centre) that receives transfers. */
    recordsCentreName: {
      type: String,
      default: 'Unit Kearsipan Sekretariat Daerah Provinsi Lampung',
    },
    /** Lembaga kearsipan daerah that receives static records. */
    archiveInstitutionName: {
      type: String,
      default: 'Dinas Perpustakaan dan Kearsipan Provinsi Lampung',
    },
    updatedByName: { type: String, default: null },
  },
  { timestamps: true, collection: 'archive_settings' },
);

export type ArchiveSettings = InferSchemaType<typeof settingsSchema> & { _id: string };
export const ArchiveSettingsModel = mongoose.model('ArchiveSettings', settingsSchema);
export const SETTINGS_ID = 'archive';
