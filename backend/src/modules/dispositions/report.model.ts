import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** A laporan tindak lanjut on one node, by whoever holds the node's recipient position. It
 * is visible to the author's position and to every position above the node in its branch
 * (`visibleToPositionIds`, copied from the node), never to sibling branches. A report may
 * carry reports received from below up the chain (`forwardedReportIds`). */
const fileRefSchema = new Schema(
  {
    fileId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    size: { type: Number, required: true },
    mimeType: { type: String, required: true },
  },
  { _id: false },
);

const reportSchema = new Schema(
  {
    dispositionId: { type: Schema.Types.ObjectId, required: true },
    letterId: { type: Schema.Types.ObjectId, required: true },
    authorPositionId: { type: Schema.Types.ObjectId, required: true },
    authorPositionTitle: { type: String, required: true },
    authorUserId: { type: Schema.Types.ObjectId, required: true },
    authorName: { type: String, required: true },
    acting: { type: String, enum: ['plt', 'plh', null], default: null },
    text: { type: String, required: true },
    files: { type: [fileRefSchema], default: [] },
    forwardedReportIds: { type: [Schema.Types.ObjectId], default: [] },
    visibleToPositionIds: { type: [Schema.Types.ObjectId], default: [] },
  },
  { timestamps: true, collection: 'disposition_reports' },
);
reportSchema.index({ dispositionId: 1, createdAt: 1 });
reportSchema.index({ letterId: 1, createdAt: 1 });

export type DispositionReport = InferSchemaType<typeof reportSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
};
export const DispositionReportModel = mongoose.model('DispositionReport', reportSchema);
