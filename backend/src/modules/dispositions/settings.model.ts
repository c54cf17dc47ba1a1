import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** The configurable parts of disposing: the instruction list printed on the lembar
 * disposisi and the default deadline per urgency, in working days. One document. */
const settingsSchema = new Schema(
  {
    _id: { type: String, required: true },
    instructions: { type: [String], required: true },
    dueWorkingDays: {
      biasa: { type: Number, required: true },
      segera: { type: Number, required: true },
      sangat_segera: { type: Number, required: true },
    },
    updatedBy: { type: String, default: null },
  },
  { timestamps: true, collection: 'disposition_settings', versionKey: false },
);

/** Widening of "who may dispose to whom" for one unit: positions of `unitId` may also
 * dispose to positions in `targetUnitIds` and the units below them (e.g. a lateral
 * "koordinasikan" between two biro). The default, positions below one's own, always holds. */
const routingRuleSchema = new Schema(
  {
    unitId: { type: Schema.Types.ObjectId, required: true, unique: true },
    targetUnitIds: { type: [Schema.Types.ObjectId], default: [] },
    note: { type: String, default: null },
    updatedBy: { type: String, default: null },
  },
  { timestamps: true, collection: 'disposition_routing_rules' },
);

export type DispositionSettings = InferSchemaType<typeof settingsSchema>;
export type RoutingRule = InferSchemaType<typeof routingRuleSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const DispositionSettingsModel = mongoose.model('DispositionSettings', settingsSchema);
export const RoutingRuleModel = mongoose.model('DispositionRoutingRule', routingRuleSchema);
