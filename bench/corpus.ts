// The generated correspondence lives with the practice dataset (backend/src/modules/seed),
// so the benchmarks and `lontar.sh seed` draw from one vocabulary.
export * from '../backend/src/modules/seed/corpus.ts';
