import type { Block, Run } from '@/api/outgoing.ts';

/**
 * The letter body between the editor (a contenteditable element) and the block model the
 * server stores and renders. Going to HTML escapes every text; coming back keeps only
 * paragraphs, lists, tables and bold/italic/underline, so pasted markup cannot smuggle
 * anything else into a letter.
 */
const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
  );

function runsToHtml(runs: Run[]): string {
  const html = runs
    .map((run) => {
      let text = escapeHtml(run.text).replace(/\n/g, '<br>');
      if (run.underline) text = `<u>${text}</u>`;
      if (run.italic) text = `<i>${text}</i>`;
      if (run.bold) text = `<b>${text}</b>`;
      return text;
    })
    .join('');
  return html === '' ? '<br>' : html;
}

export function blocksToHtml(blocks: Block[]): string {
  if (blocks.length === 0) return '<p data-indent="1"><br></p>';
  return blocks
    .map((block) => {
      if (block.type === 'paragraph') {
        const align =
          block.align && block.align !== 'justify' ? ` style="text-align:${block.align}"` : '';
        return `<p data-indent="${block.indent === false ? 0 : 1}"${align}>${runsToHtml(block.runs)}</p>`;
      }
      if (block.type === 'list') {
        const items = block.items.map((item) => `<li>${runsToHtml(item.runs)}</li>`).join('');
        if (block.style === 'bullet') return `<ul>${items}</ul>`;
        return block.style === 'lettered' ? `<ol type="a">${items}</ol>` : `<ol>${items}</ol>`;
      }
      const rows = block.rows
        .map((row, i) => {
          const tag = block.header && i === 0 ? 'th' : 'td';
          return `<tr>${row.cells.map((cell) => `<${tag}>${runsToHtml(cell.runs)}</${tag}>`).join('')}</tr>`;
        })
        .join('');
      return `<table data-header="${block.header ? 1 : 0}" data-borders="${block.borders === false ? 0 : 1}"><tbody>${rows}</tbody></table>`;
    })
    .join('');
}

interface Style {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

function styleOf(element: Element, inherited: Style): Style {
  const tag = element.tagName;
  const css = (element as HTMLElement).style;
  const weight = css?.fontWeight ?? '';
  return {
    bold:
      inherited.bold ||
      tag === 'B' ||
      tag === 'STRONG' ||
      weight === 'bold' ||
      Number(weight) >= 600,
    italic: inherited.italic || tag === 'I' || tag === 'EM' || css?.fontStyle === 'italic',
    underline:
      inherited.underline || tag === 'U' || (css?.textDecoration ?? '').includes('underline'),
  };
}

function collectRuns(node: Node, style: Style, out: Run[]): void {
  if (node.nodeType === 3) {
    const text = (node.textContent ?? '').replace(/\u00a0/g, ' ').replace(/[\r\n\t]+/g, ' ');
    if (text)
      out.push({
        text,
        ...(style.bold ? { bold: true } : {}),
        ...(style.italic ? { italic: true } : {}),
        ...(style.underline ? { underline: true } : {}),
      });
    return;
  }
  if (node.nodeType !== 1) return;
  const element = node as Element;
  if (element.tagName === 'BR') {
    out.push({ text: '\n' });
    return;
  }
  const next = styleOf(element, style);
  for (const child of Array.from(element.childNodes)) collectRuns(child, next, out);
}

/** Runs of a block element, adjacent runs of one style merged, a trailing break dropped. */
export function runsOf(element: Node): Run[] {
  const raw: Run[] = [];
  for (const child of Array.from(element.childNodes)) collectRuns(child, {}, raw);
  const merged: Run[] = [];
  for (const run of raw) {
    const last = merged[merged.length - 1];
    if (
      last &&
      !!last.bold === !!run.bold &&
      !!last.italic === !!run.italic &&
      !!last.underline === !!run.underline
    )
      last.text += run.text;
    else merged.push({ ...run });
  }
  const last = merged[merged.length - 1];
  if (last) {
    last.text = last.text.replace(/\n+$/, '');
    if (last.text === '') merged.pop();
  }
  return merged;
}

const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'BLOCKQUOTE',
  'SECTION',
  'ARTICLE',
]);

export function htmlToBlocks(root: Element): Block[] {
  const blocks: Block[] = [];
  let loose: Node[] = [];
  const flushLoose = () => {
    if (loose.length === 0) return;
    const holder = root.ownerDocument.createElement('p');
    for (const node of loose) holder.appendChild(node.cloneNode(true));
    const runs = runsOf(holder);
    if (runs.length > 0) blocks.push({ type: 'paragraph', runs, align: 'justify', indent: true });
    loose = [];
  };
  for (const node of Array.from(root.childNodes)) {
    const element = node.nodeType === 1 ? (node as Element) : null;
    if (
      !element ||
      (!BLOCK_TAGS.has(element.tagName) && !['OL', 'UL', 'TABLE', 'BR'].includes(element.tagName))
    ) {
      loose.push(node);
      continue;
    }
    flushLoose();
    if (element.tagName === 'BR') continue;
    // Browsers sometimes put a list or a table inside a paragraph: read it as a container.
    if (BLOCK_TAGS.has(element.tagName) && element.querySelector('ol, ul, table, p, div')) {
      blocks.push(...htmlToBlocks(element));
      continue;
    }
    if (element.tagName === 'OL' || element.tagName === 'UL') {
      const items = Array.from(element.querySelectorAll('li'))
        .map((li) => ({ runs: runsOf(li) }))
        .filter((item) => item.runs.length > 0);
      if (items.length === 0) continue;
      const type = (element.getAttribute('type') ?? '').toLowerCase();
      blocks.push({
        type: 'list',
        style: element.tagName === 'UL' ? 'bullet' : type === 'a' ? 'lettered' : 'numbered',
        items,
      });
    } else if (element.tagName === 'TABLE') {
      const rows = Array.from(element.querySelectorAll('tr'))
        .map((tr) => ({
          cells: Array.from(tr.children)
            .filter((c) => c.tagName === 'TD' || c.tagName === 'TH')
            .slice(0, 8)
            .map((cell) => ({ runs: runsOf(cell) })),
        }))
        .filter((row) => row.cells.length > 0);
      if (rows.length === 0) continue;
      const header =
        element.getAttribute('data-header') === '1' || !!element.querySelector('tr:first-child th');
      blocks.push({
        type: 'table',
        header,
        borders: element.getAttribute('data-borders') !== '0',
        rows,
      });
    } else {
      const runs = runsOf(element);
      if (runs.length === 0) continue;
      const align = ((element as HTMLElement).style?.textAlign || 'justify') as
        'left' | 'justify' | 'center' | 'right';
      blocks.push({
        type: 'paragraph',
        runs,
        align: ['left', 'center', 'right'].includes(align) ? align : 'justify',
        indent: element.getAttribute('data-indent') !== '0',
      });
    }
  }
  flushLoose();
  return blocks;
}

/** Plain text of a body, for comparisons and emptiness checks. */
export function bodyLines(blocks: Block[]): string[] {
  const text = (runs: Run[]) => runs.map((r) => r.text).join('');
  return blocks.flatMap((block) => {
    if (block.type === 'paragraph') return [text(block.runs)];
    if (block.type === 'list')
      return block.items.map(
        (item, i) =>
          `${block.style === 'bullet' ? '•' : block.style === 'lettered' ? `${String.fromCharCode(97 + (i % 26))}.` : `${i + 1}.`} ${text(item.runs)}`,
      );
    return block.rows.map((row) => row.cells.map((cell) => text(cell.runs)).join(' | '));
  });
}
