/**
 * A streaming CSV reader (RFC 4180) for import manifests: UTF-8 with or without BOM,
 * comma or semicolon (what Indonesian spreadsheet programs write) detected from the header,
 * quoted fields with doubled quotes and line breaks. Rows come out one at a time so a
 * manifest of any length is read in constant memory; a field or a row that is absurdly
 * long is refused instead of growing without bound.
 */
export interface CsvRow {
  /** 1-based line number where the row starts. */
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

const MAX_FIELD = 64 * 1024;
const MAX_FIELDS = 200;

export async function* readCsv(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
): AsyncGenerator<CsvRow> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let delimiter: string | null = null;
  let field = '';
  let fields: string[] = [];
  let inQuotes = false;
  let quoteSeen = false; // the previous char closed a quoted section (or is an escaped quote)
  let line = 1;
  let rowStart = 1;
  let first = true;
  let pendingHeader = '';
  let rowHasContent = false;

  const pushField = () => {
    if (fields.length >= MAX_FIELDS)
      throw new CsvError(`Baris memiliki lebih dari ${MAX_FIELDS} kolom.`, rowStart);
    fields.push(field);
    field = '';
    quoteSeen = false;
  };

  for await (const chunk of source) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (delimiter === null) {
      // Decide the delimiter from the header line: whichever of ; and , occurs more.
      pendingHeader += text;
      const end = pendingHeader.search(/\r|\n/);
      if (end < 0 && pendingHeader.length < 64 * 1024) continue;
      const header = end < 0 ? pendingHeader : pendingHeader.slice(0, end);
      const semicolons = header.split(';').length;
      const commas = header.split(',').length;
      delimiter = semicolons > commas ? ';' : ',';
      text = pendingHeader;
      pendingHeader = '';
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (inQuotes) {
        if (ch === '"') {
          inQuotes = false;
          quoteSeen = true;
        } else {
          if (ch === '\n') line++;
          field += ch;
        }
      } else if (ch === '"') {
        if (quoteSeen) {
          field += '"'; // "" inside a quoted field
          inQuotes = true;
          quoteSeen = false;
        } else if (field === '') {
          inQuotes = true;
        } else {
          field += ch; // a stray quote inside an unquoted field is kept as text
        }
        rowHasContent = true;
      } else if (ch === delimiter) {
        pushField();
        rowHasContent = true;
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        if (rowHasContent || field !== '') {
          pushField();
          yield { line: rowStart, fields };
        }
        fields = [];
        field = '';
        quoteSeen = false;
        rowHasContent = false;
        line++;
        rowStart = line;
      } else {
        quoteSeen = false;
        field += ch;
        rowHasContent = true;
      }
      if (field.length > MAX_FIELD)
        throw new CsvError(`Isian terlalu panjang (lebih dari ${MAX_FIELD} karakter).`, rowStart);
    }
  }
  if (pendingHeader) {
    // A manifest without any line break: one header line only.
    yield* readCsv([pendingHeader + '\n']);
    return;
  }
  const rest = decoder.decode();
  if (rest) field += rest;
  if (inQuotes) throw new CsvError('Tanda kutip tidak ditutup sampai akhir berkas.', rowStart);
  if (rowHasContent || field !== '') {
    pushField();
    yield { line: rowStart, fields };
  }
}
