import mongoose, { Schema } from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import { now } from '../../lib/clock.ts';
import { jakartaDateString } from '../documents/format-id.ts';
import type { OcrResult } from './tesseract-pool.ts';

/**
 * The registration prefill's reading of a scan's first page, kept for the OCR worker: the
 * clerk registers the letter seconds later, and the worker then takes page 1 from here
 * instead of recognising it a second time (on two shared cores that page competes with the
 * next letter's prefill). Keyed by the sha256 of the scan's bytes (the file record carries
 * the same), taken once, and swept after two days if the scan was never registered (read by
 * `dayKey` equality, a day at a time).
 */
const prefillPageSchema = new Schema(
  {
    _id: { type: String, required: true },
    text: { type: String, required: true },
    confidence: { type: Number, required: true },
    words: { type: [Schema.Types.Mixed], default: [] },
    width: { type: Number, required: true },
    height: { type: Number, required: true },
    /** The Jakarta day it was read: what the sweep deletes by. */
    dayKey: { type: String, required: true },
  },
  { collection: 'prefill_pages', versionKey: false },
);
prefillPageSchema.index({ dayKey: 1 });

interface PrefillPage {
  _id: string;
  text: string;
  confidence: number;
  words: OcrResult['words'];
  width: number;
  height: number;
  dayKey: string;
}

export const PrefillPageModel = mongoose.model('PrefillPage', prefillPageSchema);

const DAY_MS = 86_400_000;
let sweptOn: string | null = null;

export async function rememberPrefilledPage(
  sha256: string,
  page: OcrResult & { width: number; height: number },
): Promise<void> {
  const today = jakartaDateString(now());
  await PrefillPageModel.updateOne(
    { _id: sha256 },
    {
      $set: {
        text: page.text,
        confidence: page.confidence,
        words: page.words,
        width: page.width,
        height: page.height,
        dayKey: today,
      },
    },
    { upsert: true },
  ).catch((error: unknown) => {
    // Two prefills of the same scan at once: either reading will do.
    if (!isDuplicateKey(error)) throw error;
  });
  // Once a day per process: drop the readings of scans never registered (days 2–8 back).
  if (sweptOn === today) return;
  sweptOn = today;
  for (let back = 2; back <= 8; back++)
    await PrefillPageModel.deleteMany({
      dayKey: jakartaDateString(new Date(now().getTime() - back * DAY_MS)),
    });
}

/** The prefill's reading of page 1 of these bytes, if it was made on an image of the same
 * size (the same decoding), and forgotten once taken. */
export async function takePrefilledPage(
  sha256: string,
  width: number,
  height: number,
): Promise<OcrResult | null> {
  const page = await PrefillPageModel.findOne({ _id: sha256 }).lean<PrefillPage>();
  if (!page) return null;
  await PrefillPageModel.deleteOne({ _id: sha256 });
  if (page.width !== width || page.height !== height) return null;
  return { text: page.text, confidence: page.confidence, words: page.words };
}
