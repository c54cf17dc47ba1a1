import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { SECURITY_CLASSES, type SecurityClass } from '../../http/actor.ts';
import {
  analyzeForIndex,
  expandPrefixes,
  fold,
  indexText,
  parseQuery,
  toFtsQuery,
  type ParsedQuery,
} from './analysis.ts';
import type { SearchEngine, SearchHit, SearchPage, SearchQuery, SearchScope } from './engine.ts';
import type { AppliedSearchEvent, StoredSearchDocument } from './publish.ts';
import { buildSnippet, escapeHtml } from './snippet.ts';
import { FEW_RESULTS, suggestCorrection } from './suggest.ts';
import { VOCABULARY_SCHEMA, Vocabulary } from './vocabulary.ts';

const SCHEMA_VERSION = '3';
/** Segment ids are `docId * SLOTS + n`: the letter of an FTS hit is its rowid >> 12, so
 * grouping hits by letter needs no join (and a letter holds up to 4,095 pages and notes). */
const SLOT_BITS = 12;
const SLOTS = 2 ** SLOT_BITS;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs(
  id INTEGER PRIMARY KEY,
  letter_id TEXT NOT NULL UNIQUE,
  seq INTEGER NOT NULL DEFAULT 0,
  present INTEGER NOT NULL DEFAULT 0,
  direction TEXT, agenda_number TEXT, letter_number TEXT, subject TEXT,
  sender TEXT, sender_fold TEXT, recipient TEXT, date TEXT, classification TEXT,
  status TEXT, security_class TEXT, sec_rank INTEGER NOT NULL DEFAULT 3,
  received_date TEXT, register TEXT
);
CREATE INDEX IF NOT EXISTS docs_date ON docs(date);
CREATE TABLE IF NOT EXISTS acl(principal TEXT NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY(principal, doc)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS acl_doc ON acl(doc);
CREATE TABLE IF NOT EXISTS segments(
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  doc INTEGER NOT NULL,
  file_id TEXT,
  page INTEGER,
  seq INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS segments_doc ON segments(doc);
CREATE INDEX IF NOT EXISTS segments_file ON segments(file_id, page);
CREATE VIRTUAL TABLE IF NOT EXISTS seg_fts USING fts5(text, content='', contentless_delete=1, tokenize='ascii');
${VOCABULARY_SCHEMA}`;
/** Columns added to schema 3 in place (an index file of the previous release keeps its data). */
const ADDED_DOC_COLUMNS = ['received_date', 'register'];
/** Matching segments a spelling count reads at most. */
const SCAN_CAP = 20_000;
/** Distinct stems a prefix is expanded to (the most frequent words' first). */
const PREFIX_EXPANSIONS = 24;

const rank = (securityClass: string | null | undefined): number => {
  const index = SECURITY_CLASSES.indexOf((securityClass ?? 'SR') as SecurityClass);
  return index < 0 ? SECURITY_CLASSES.length - 1 : index;
};

const BM25 = 'bm25(seg_fts)';
/** Above this many matching pages and notes, results are ordered by date, not by bm25. */
const BROAD_SEGMENTS = 20_000;

interface DocRow {
  id: number;
  letter_id: string;
  direction: 'incoming' | 'outgoing' | 'meeting';
  agenda_number: string | null;
  letter_number: string | null;
  subject: string | null;
  sender: string | null;
  recipient: string | null;
  date: string | null;
  classification: string | null;
  status: string | null;
  security_class: SecurityClass;
  seg: number | null;
  score: number;
  total: number;
}

/** The local FTS5 index of one API replica (design.md §5). Single-threaded by nature. */
export class SqliteSearchEngine implements SearchEngine {
  private readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();

  readonly file: string;
  private readonly broadSegments: number;
  private readonly vocabulary: Vocabulary;
  /** Stems a prefix expands to (0: a prefix of surfaces and stems only, as before 2026-12-07;
   * the benchmark compares both). */
  private readonly prefixExpansions: number;

  constructor(file: string, options: { broadSegments?: number; prefixExpansions?: number } = {}) {
    this.file = file;
    this.broadSegments = options.broadSegments ?? BROAD_SEGMENTS;
    this.prefixExpansions = options.prefixExpansions ?? PREFIX_EXPANSIONS;
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.db = new DatabaseSync(file);
    this.db.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;',
    );
    this.db.exec('CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);');
    if (this.meta('schema') !== SCHEMA_VERSION) {
      // An index from another version of this code: derived data, so drop and rebuild.
      this.db.exec(
        'DROP TABLE IF EXISTS seg_fts; DROP TABLE IF EXISTS segments; DROP TABLE IF EXISTS acl; DROP TABLE IF EXISTS docs; DELETE FROM meta;',
      );
      this.db.exec(SCHEMA);
      this.setMeta('schema', SCHEMA_VERSION);
    } else {
      this.db.exec(SCHEMA);
    }
    this.vocabulary = new Vocabulary((text) => this.sql(text));
    this.migrate();
  }

  /** Brings an index file of the previous release up to date without a replay: the new
   * letter columns (filled by the next event of each letter) and the vocabulary, counted
   * from the stored segment texts. */
  private migrate(): void {
    const columns = new Set(
      (this.db.prepare('PRAGMA table_info(docs)').all() as Array<{ name: string }>).map(
        (c) => c.name,
      ),
    );
    for (const column of ADDED_DOC_COLUMNS)
      if (!columns.has(column)) this.db.exec(`ALTER TABLE docs ADD COLUMN ${column} TEXT`);
    if (this.meta('vocabulary') === '1') return;
    this.db.exec('BEGIN');
    try {
      this.db.exec('DELETE FROM vocab; DELETE FROM vocab_del;');
      let last = -1;
      for (;;) {
        const rows = this.sql(
          'SELECT id, text FROM segments WHERE id > ? ORDER BY id LIMIT 2000',
        ).all(last) as Array<{ id: number; text: string }>;
        if (rows.length === 0) break;
        for (const row of rows) this.vocabulary.count(row.text, 1);
        this.vocabulary.flush();
        last = rows.at(-1)!.id;
      }
      this.setMeta('vocabulary', '1');
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      this.vocabulary.discard();
      throw error;
    }
  }

  private sql(text: string): StatementSync {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  meta(key: string): string | null {
    const row = this.sql('SELECT value FROM meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.sql(
      'INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
  }

  cursor(): number {
    return Number(this.meta('cursor') ?? 0);
  }

  setCursor(seq: number): void {
    this.setMeta('cursor', String(seq));
  }

  /** Merges the FTS b-trees into one (after a rebuild or a bulk load); queries get faster. */
  optimize(): void {
    this.db.exec(`INSERT INTO seg_fts(seg_fts) VALUES ('optimize')`);
  }

  reset(): void {
    this.db.exec(
      'DELETE FROM docs; DELETE FROM acl; DELETE FROM segments; DELETE FROM seg_fts; DELETE FROM meta; DELETE FROM vocab; DELETE FROM vocab_del;',
    );
    this.vocabulary.discard();
    this.setMeta('schema', SCHEMA_VERSION);
    this.setMeta('vocabulary', '1');
  }

  stats(): { documents: number; segments: number } {
    const documents = (
      this.sql('SELECT count(*) AS n FROM docs WHERE present = 1').get() as { n: number }
    ).n;
    const segments = (this.sql('SELECT count(*) AS n FROM segments').get() as { n: number }).n;
    return { documents, segments };
  }

  close(): void {
    this.db.close();
  }

  applyBatch(events: AppliedSearchEvent[]): void {
    if (events.length === 0) return;
    this.db.exec('BEGIN');
    try {
      for (const event of events) this.apply(event);
      this.vocabulary.flush();
      this.setCursor(Math.max(this.cursor(), ...events.map((event) => event.seq)));
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      this.vocabulary.discard();
      throw error;
    }
  }

  private apply(event: AppliedSearchEvent): void {
    switch (event.type) {
      case 'doc':
        return this.applyDoc(event.letterId, event.seq, event.doc);
      case 'doc-remove': {
        const doc = this.docRow(event.letterId);
        if (doc.seq >= event.seq) return;
        this.sql('UPDATE docs SET present = 0, seq = ? WHERE id = ?').run(event.seq, doc.id);
        this.sql('DELETE FROM acl WHERE doc = ?').run(doc.id);
        this.deleteSegments('SELECT id, text FROM segments WHERE doc = ?', doc.id);
        return;
      }
      case 'page': {
        const doc = this.docRow(event.letterId);
        return this.upsertSegment(
          `page:${event.fileId}:${event.page}`,
          doc.id,
          event.fileId,
          event.page,
          event.seq,
          event.text,
        );
      }
      case 'file-truncate':
        return this.deleteSegments(
          'SELECT id, text FROM segments WHERE file_id = ? AND page > ? AND seq < ?',
          event.fileId,
          event.page,
          event.seq,
        );
      case 'file-remove':
        return this.deleteSegments(
          'SELECT id, text FROM segments WHERE file_id = ? AND seq < ?',
          event.fileId,
          event.seq,
        );
      case 'note': {
        const doc = this.docRow(event.letterId);
        return this.upsertSegment(
          `note:${event.noteId}`,
          doc.id,
          null,
          null,
          event.seq,
          event.text,
        );
      }
      case 'note-remove':
        return this.deleteSegments(
          'SELECT id, text FROM segments WHERE key = ? AND seq < ?',
          `note:${event.noteId}`,
          event.seq,
        );
    }
  }

  /** The row of a letter, created empty (not present) when its pages arrive first. */
  private docRow(letterId: string): { id: number; seq: number } {
    this.sql('INSERT INTO docs(letter_id) VALUES (?) ON CONFLICT(letter_id) DO NOTHING').run(
      letterId,
    );
    return this.sql('SELECT id, seq FROM docs WHERE letter_id = ?').get(letterId) as {
      id: number;
      seq: number;
    };
  }

  private applyDoc(letterId: string, seq: number, doc: StoredSearchDocument): void {
    const row = this.docRow(letterId);
    if (row.seq >= seq) return;
    this.sql(
      `UPDATE docs SET seq = ?, present = 1, direction = ?, agenda_number = ?, letter_number = ?, subject = ?,
         sender = ?, sender_fold = ?, recipient = ?, date = ?, classification = ?, status = ?, security_class = ?, sec_rank = ?,
         received_date = ?, register = ?
       WHERE id = ?`,
    ).run(
      seq,
      doc.kind,
      doc.agendaNumber,
      doc.letterNumber,
      doc.subject,
      doc.senderName,
      doc.senderName ? fold(doc.senderName) : null,
      doc.recipientName,
      doc.date,
      doc.classificationCode,
      doc.status,
      doc.securityClass,
      rank(doc.securityClass),
      doc.receivedDate ?? null,
      doc.register ?? null,
      row.id,
    );
    this.sql('DELETE FROM acl WHERE doc = ?').run(row.id);
    const insert = this.sql('INSERT OR IGNORE INTO acl(principal, doc) VALUES (?, ?)');
    for (const unitId of doc.unitIds) insert.run(`u:${unitId}`, row.id);
    for (const positionId of doc.positionIds) insert.run(`p:${positionId}`, row.id);
    for (const userId of doc.ownerUserIds ?? []) insert.run(`o:${userId}`, row.id);
    const text = [
      doc.letterNumber,
      doc.agendaNumber,
      doc.subject,
      doc.senderName,
      doc.recipientName,
      doc.summary,
    ]
      .filter(Boolean)
      .join('\n');
    this.upsertSegment(`meta:${letterId}`, row.id, null, null, seq, text);
  }

  private upsertSegment(
    key: string,
    doc: number,
    fileId: string | null,
    page: number | null,
    seq: number,
    text: string,
  ): void {
    const existing = this.sql('SELECT id, seq, text FROM segments WHERE key = ?').get(key) as
      { id: number; seq: number; text: string } | undefined;
    if (existing && existing.seq >= seq) return;
    const analyzed = analyzeForIndex(text);
    if (existing) this.vocabulary.count(existing.text, -1);
    this.vocabulary.countTokens(analyzed.tokens, 1);
    let id: number;
    if (existing) {
      this.sql('DELETE FROM seg_fts WHERE rowid = ?').run(existing.id);
      this.sql(
        'UPDATE segments SET doc = ?, file_id = ?, page = ?, seq = ?, text = ? WHERE id = ?',
      ).run(doc, fileId, page, seq, text, existing.id);
      id = existing.id;
    } else {
      const last = this.sql('SELECT max(id) AS id FROM segments WHERE id >= ? AND id < ?').get(
        doc * SLOTS,
        (doc + 1) * SLOTS,
      ) as { id: number | null };
      id = last.id === null ? doc * SLOTS : last.id + 1;
      if (id >= (doc + 1) * SLOTS)
        throw new Error(`letter ${doc} has more than ${SLOTS} searchable segments`);
      this.sql(
        'INSERT INTO segments(id, key, doc, file_id, page, seq, text) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(id, key, doc, fileId, page, seq, text);
    }
    this.sql('INSERT INTO seg_fts(rowid, text) VALUES (?, ?)').run(id, indexText(analyzed));
  }

  private deleteSegments(selectIds: string, ...params: Array<string | number>): void {
    const rows = this.sql(selectIds).all(...params) as Array<{ id: number; text: string }>;
    for (const { id, text } of rows) {
      this.vocabulary.count(text, -1);
      this.sql('DELETE FROM seg_fts WHERE rowid = ?').run(id);
      this.sql('DELETE FROM segments WHERE id = ?').run(id);
    }
  }

  /** The query as search() runs it: parsed, prefixes expanded through the vocabulary. */
  parse(text: string): ParsedQuery {
    return expandPrefixes(parseQuery(text), (prefix) =>
      this.prefixExpansions > 0 ? this.vocabulary.expandPrefix(prefix, this.prefixExpansions) : [],
    );
  }

  /**
   * Searches; when the typed words find few letters (or none), also looks for a spelling
   * that finds more (suggest.ts). A query that finds nothing is answered with the corrected
   * query's results, marked `corrected`; one that finds a few gets a `suggestion`.
   */
  search(query: SearchQuery, scope: SearchScope): SearchPage {
    const result = this.searchOnce(query, scope);
    if (!query.text || result.total > FEW_RESULTS) return result;
    const countOf = (text: string, cap: number) => this.countUpTo(query, scope, text, cap);
    const parsed = parseQuery(query.text);
    const correction = suggestCorrection(
      query.text,
      parsed,
      result.total,
      this.vocabulary,
      countOf,
    );
    if (!correction) return result;
    if (result.total === 0) {
      const corrected = this.searchOnce({ ...query, text: correction.text }, scope);
      return { ...corrected, corrected: { from: query.text, to: correction.text } };
    }
    return { ...result, suggestion: correction };
  }

  /** The permission and filter conditions on a candidate letter `d`. */
  private filters(
    query: SearchQuery,
    scope: SearchScope,
  ): { where: string[]; params: Array<string | number> } {
    const where: string[] = ['d.present = 1'];
    const params: Array<string | number> = [];
    // Letters follow `letter.view_content`, meetings `meeting.view` (search.policy.ts): each
    // kind is open below its rank, or up to the clearance through one of its principals.
    const open = (rule: { openRank: number; principals: string[]; chainRank?: number }) => {
      const principals = rule.principals.slice(0, 200);
      const acl = principals.length
        ? `EXISTS (SELECT 1 FROM acl a WHERE a.doc = d.id AND a.principal IN (${principals.map(() => '?').join(', ')}))`
        : '0';
      params.push(rule.openRank, rule.chainRank ?? 3, ...principals);
      return `(d.sec_rank <= ? OR (d.sec_rank <= ? AND ${acl}))`;
    };
    const letters = open(scope);
    const meetings = scope.meeting ? open(scope.meeting) : '0';
    where.push(
      `((d.direction IS NOT 'meeting' AND ${letters}) OR (d.direction = 'meeting' AND ${meetings}))`,
    );
    // Letters indexed before the received date was published fall back to their letter date.
    const dateColumn =
      query.dateField === 'received' ? 'coalesce(d.received_date, d.date)' : 'd.date';
    if (query.from) {
      where.push(`${dateColumn} >= ?`);
      params.push(query.from);
    }
    if (query.to) {
      where.push(`${dateColumn} <= ?`);
      params.push(query.to);
    }
    if (query.register) {
      where.push(
        query.registerIsDefault
          ? "(d.register = ? OR (d.register IS NULL AND d.direction = 'incoming'))"
          : 'd.register = ?',
      );
      params.push(query.register);
    }
    if (query.direction) {
      where.push('d.direction = ?');
      params.push(query.direction);
    }
    if (query.classification) {
      where.push("(d.classification = ? OR d.classification LIKE ? ESCAPE '\\')");
      params.push(query.classification, `${likeEscape(query.classification)}.%`);
    }
    if (query.sender) {
      where.push("d.sender_fold LIKE ? ESCAPE '\\'");
      params.push(`%${likeEscape(fold(query.sender))}%`);
    }
    if (query.unitId) {
      where.push('EXISTS (SELECT 1 FROM acl u WHERE u.doc = d.id AND u.principal = ?)');
      params.push(`u:${query.unitId}`);
    }
    if (query.securityClass) {
      where.push('d.security_class = ?');
      params.push(query.securityClass);
    }
    if (query.status) {
      where.push('d.status = ?');
      params.push(query.status);
    }
    return { where, params };
  }

  /**
   * How many letters the user may open match `text` under the query's filters, counting no
   * further than `cap` letters and SCAN_CAP matching segments (a word in most of the archive
   * is not worth counting to decide a spelling). Streams: no ranking, stops at the cap.
   */
  private countUpTo(
    query: SearchQuery,
    scope: SearchScope,
    text: string,
    cap: number,
  ): { n: number; capped: boolean } {
    const match = toFtsQuery(this.parse(text));
    if (!match) return { n: 0, capped: false };
    const { where, params } = this.filters(query, scope);
    const row = this.sql(
      `SELECT count(*) AS n FROM (
         SELECT DISTINCT d.id
         FROM (SELECT rowid AS seg FROM seg_fts WHERE seg_fts MATCH ? LIMIT ${SCAN_CAP}) h
         JOIN docs d ON d.id = h.seg >> ${SLOT_BITS}
         WHERE ${where.join(' AND ')} LIMIT ?)`,
    ).get(match, ...params, cap + 1) as { n: number };
    return { n: Math.min(row.n, cap), capped: row.n > cap };
  }

  private searchOnce(query: SearchQuery, scope: SearchScope): SearchPage {
    const parsed = query.text ? this.parse(query.text) : null;
    const match = parsed ? toFtsQuery(parsed) : null;
    if (query.text && !match) return { total: 0, items: [] };

    const { where, params } = this.filters(query, scope);
    const limit = query.pageSize;
    const offset = (query.page - 1) * query.pageSize;
    const columns = `d.id, d.letter_id, d.direction, d.agenda_number, d.letter_number, d.subject, d.sender, d.recipient,
      d.date, d.classification, d.status, d.security_class`;
    let rows: DocRow[];
    let countSql: string;
    let countParams: Array<string | number>;
    const broad = match
      ? (
          this.sql('SELECT count(*) AS n FROM seg_fts WHERE seg_fts MATCH ?').get(match) as {
            n: number;
          }
        ).n > this.broadSegments
      : false;
    if (match && !broad) {
      // Best segment per letter (bare column with min(): SQLite returns the row holding the
      // minimum). MATERIALIZED keeps bm25() inside the FTS query (the planner must not
      // flatten it); the letter of a hit is its rowid >> SLOT_BITS, so grouping needs no join.
      const hits = `WITH h AS MATERIALIZED (SELECT rowid AS seg, ${BM25} AS score FROM seg_fts WHERE seg_fts MATCH ?),
        b AS MATERIALIZED (SELECT seg >> ${SLOT_BITS} AS doc, seg, min(score) AS score FROM h GROUP BY 1)`;
      const sql = `${hits} SELECT ${columns}, b.seg AS seg, b.score AS score, count(*) OVER () AS total
        FROM b JOIN docs d ON d.id = b.doc
        WHERE ${where.join(' AND ')}
        ORDER BY b.score, d.date DESC, d.id DESC LIMIT ? OFFSET ?`;
      rows = this.sql(sql).all(match, ...params, limit, offset) as unknown as DocRow[];
      countSql = `${hits} SELECT count(*) AS n FROM b JOIN docs d ON d.id = b.doc WHERE ${where.join(' AND ')}`;
      countParams = [match, ...params];
    } else if (match) {
      // A word found in a large part of the archive: relevance says little there, and
      // scoring every hit costs seconds at 100,000 letters. Newest first instead.
      const hits = `WITH b AS MATERIALIZED (SELECT DISTINCT rowid >> ${SLOT_BITS} AS doc FROM seg_fts WHERE seg_fts MATCH ?)`;
      const sql = `${hits} SELECT ${columns}, NULL AS seg, 0 AS score, count(*) OVER () AS total
        FROM b JOIN docs d ON d.id = b.doc WHERE ${where.join(' AND ')}
        ORDER BY d.date DESC, d.id DESC LIMIT ? OFFSET ?`;
      rows = (this.sql(sql).all(match, ...params, limit, offset) as unknown as DocRow[]).map(
        (row) => ({ ...row, seg: this.firstHit(match, row.id) }),
      );
      countSql = `${hits} SELECT count(*) AS n FROM b JOIN docs d ON d.id = b.doc WHERE ${where.join(' AND ')}`;
      countParams = [match, ...params];
    } else {
      const sql = `SELECT ${columns}, NULL AS seg, 0 AS score, count(*) OVER () AS total FROM docs d
        WHERE ${where.join(' AND ')} ORDER BY d.date DESC, d.id DESC LIMIT ? OFFSET ?`;
      rows = this.sql(sql).all(...params, limit, offset) as unknown as DocRow[];
      countSql = `SELECT count(*) AS n FROM docs d WHERE ${where.join(' AND ')}`;
      countParams = params;
    }
    const total =
      rows[0]?.total ??
      (offset > 0 ? (this.sql(countSql).get(...countParams) as { n: number }).n : 0);
    return { total, items: rows.map((row) => this.toHit(row, parsed)) };
  }

  /** The first matching segment of a letter (for its snippet and page). */
  private firstHit(match: string, doc: number): number | null {
    const row = this.sql(
      'SELECT rowid AS seg FROM seg_fts WHERE seg_fts MATCH ? AND rowid >= ? AND rowid < ? LIMIT 1',
    ).get(match, doc * SLOTS, (doc + 1) * SLOTS) as { seg: number } | undefined;
    return row?.seg ?? null;
  }

  private toHit(row: DocRow, parsed: ParsedQuery | null): SearchHit {
    let snippet = '';
    let page: number | null = null;
    let fileId: string | null = null;
    let matched: SearchHit['matched'] = null;
    let noteId: string | null = null;
    if (row.seg !== null && parsed) {
      const segment = this.sql('SELECT key, text, page, file_id FROM segments WHERE id = ?').get(
        row.seg,
      ) as { key: string; text: string; page: number | null; file_id: string | null } | undefined;
      if (segment) {
        snippet = buildSnippet(segment.text, parsed.highlight);
        page = segment.page;
        fileId = segment.file_id;
        matched = segment.key.startsWith('page:')
          ? 'page'
          : segment.key.startsWith('note:')
            ? 'note'
            : 'record';
        if (matched === 'note') noteId = segment.key.slice('note:'.length);
      }
    } else {
      snippet = escapeHtml((row.subject ?? '').slice(0, 200));
    }
    return {
      letterId: row.letter_id,
      direction: row.direction,
      agendaNumber: row.agenda_number,
      letterNumber: row.letter_number,
      subject: row.subject,
      senderName: row.sender,
      recipientName: row.recipient,
      date: row.date,
      classificationCode: row.classification,
      securityClass: row.security_class,
      status: row.status,
      snippet,
      page,
      fileId,
      matched,
      noteId,
      score: row.score,
    };
  }
}

function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
