/** Milliseconds spent per stage of one OCR job, logged at debug level ('OCR stages') so the
 * pipeline benchmark (bench/ocr-pipeline.ts) can say where a page's time goes. */
export type StageTimes = Record<string, number>;

export async function timed<T>(
  stages: StageTimes | undefined,
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  if (!stages) return work();
  const started = performance.now();
  try {
    return await work();
  } finally {
    stages[name] = (stages[name] ?? 0) + Math.round(performance.now() - started);
  }
}
