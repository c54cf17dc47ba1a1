import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '@lontar/infra/stack';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loginAs, newPage, screenshot } from './browser.ts';

/**
 * Issue 15 point 2 through the UI: the clerk registers letters starting from the scan. The
 * machine reads the first page and fills what it read confidently (marked "Periksa"), with
 * sifat and classification suggested; the clerk accepts all (Alt+T) and saves (Ctrl+Enter);
 * the fresh form is ready for the next scan with the focus on its chooser. Counts the
 * clerk's actions (clicks, key presses, file drops) and the seconds from the open form to
 * the agenda number, and writes them to e2e/screenshots/registration-flow.json
 * (docs/performance.md, "Registration flow").
 *
 * Scans: the sample scans in ../shared/samples when present (300 dpi, noise, skew); a clean
 * render of the same first letter otherwise (a fresh clone has no ../shared).
 */

const SAMPLES = path.join(repoRoot, '..', 'shared', 'samples', 'scans');
const workDir = mkdtempSync(path.join(os.tmpdir(), 'lontar-registration-e2e-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface Letter {
  file: string;
  senderName: string;
  letterNumber: string;
  /** dd/mm/yyyy as the date field shows it. */
  letterDate: string;
  subject: string;
  urgency: string;
  code: string;
}

function sample(name: string): Letter {
  const truth = JSON.parse(readFileSync(path.join(SAMPLES, `${name}.json`), 'utf8')) as {
    senderName: string;
    letterNumber: string;
    letterDate: string;
    subject: string;
    urgency: string;
    classificationHint: string;
  };
  const [y, m, d] = truth.letterDate.split('-');
  return {
    file: path.join(SAMPLES, `${name}.jpg`),
    senderName: truth.senderName,
    letterNumber: truth.letterNumber,
    letterDate: `${d}/${m}/${y}`,
    subject: truth.subject,
    urgency: truth.urgency,
    code: truth.classificationHint,
  };
}

/** Without ../shared: the first sample letter's page, rendered clean by the backend's OCR
 * fixtures (sharp lives there). */
function rendered(name: string, lines: string[], truth: Omit<Letter, 'file'>): Letter {
  const file = path.join(workDir, `${name}.png`);
  const script = `
    import { writeFileSync } from 'node:fs';
    import { renderTextPng } from './src/modules/ocr/test-fixtures.ts';
    writeFileSync(process.argv[2], await renderTextPng(JSON.parse(process.argv[1]), { width: 1700 }));
  `;
  execFileSync(
    process.execPath,
    ['--input-type=module', '-e', script, JSON.stringify(lines), file],
    {
      cwd: path.join(repoRoot, 'backend'),
      stdio: 'pipe',
    },
  );
  return { file, ...truth };
}

const haveSamples = existsSync(path.join(SAMPLES, 'letter-1-00.jpg'));
const letters: Letter[] = haveSamples
  ? [sample('letter-1-00'), sample('letter-1-09'), sample('letter-1-05')]
  : [0, 1, 2].map((i) =>
      rendered(
        `surat-${i}`,
        [
          'PEMERINTAH PROVINSI LAMPUNG',
          'BADAN PENGELOLAAN KEUANGAN DAN ASET DAERAH',
          'Jalan Wolter Monginsidi Nomor 69 Telukbetung 35215',
          '',
          `Nomor : 900.1/${1853 + i}/II.08/2026`,
          'Sifat : Sangat Segera',
          'Lampiran : -',
          `Hal : Undangan Rapat Koordinasi Anggaran ${i + 1}`,
          '',
          'Yth. Sekretaris Daerah Provinsi Lampung',
          '',
          'Bandar Lampung, 16 Februari 2026',
        ],
        {
          senderName: 'Badan Pengelolaan Keuangan Dan Aset Daerah Provinsi Lampung',
          letterNumber: `900.1/${1853 + i}/II.08/2026`,
          letterDate: '16/02/2026',
          subject: `Undangan Rapat Koordinasi Anggaran ${i + 1}`,
          urgency: 'Sangat Segera',
          code: '900.1',
        },
      ),
    );

/** The clerk's actions, counted as they are made. */
class Actions {
  count = 0;
  readonly log: string[] = [];
  private readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }
  async press(keys: string): Promise<void> {
    this.count++;
    this.log.push(`key ${keys}`);
    await this.page.keyboard.press(keys);
  }
  async chooseFile(file: string): Promise<void> {
    // Choosing in the file dialog (or dropping from the scanner's folder): one action.
    this.count++;
    this.log.push(`file ${path.basename(file)}`);
    await this.page.setInputFiles('[data-testid=file-input]', file);
  }
  /** A real drag and drop onto the zone (DataTransfer), one action. */
  async dropFile(file: string): Promise<void> {
    this.count++;
    this.log.push(`drop ${path.basename(file)}`);
    const bytes = readFileSync(file).toString('base64');
    const name = path.basename(file);
    const type = name.endsWith('.png') ? 'image/png' : 'image/jpeg';
    await this.page.evaluate(
      ({ bytes, name, type }) => {
        const data = Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([data], name, { type }));
        const zone = document.querySelector('[data-testid=file-drop]')!;
        for (const kind of ['dragover', 'drop'])
          zone.dispatchEvent(
            new DragEvent(kind, { dataTransfer: transfer, bubbles: true, cancelable: true }),
          );
      },
      { bytes, name, type },
    );
  }
}

interface Figure {
  letter: string;
  viewport: string;
  how: string;
  actions: number;
  steps: string[];
  seconds: number;
  prefillSeconds: number;
  filled: number;
}
const figures: Figure[] = [];

const URGENCY_LABEL: Record<string, string> = {
  Biasa: 'Biasa',
  Segera: 'Segera',
  'Sangat Segera': 'Sangat Segera',
};

async function registerOne(
  page: Page,
  letter: Letter,
  options: { viewport: string; drop: boolean; shots?: string },
): Promise<Figure> {
  const actions = new Actions(page);
  // The fresh form waits for the scan with the focus on its chooser.
  await page.waitForFunction(
    () => document.activeElement?.getAttribute('data-testid') === 'file-choose',
  );
  const started = performance.now();
  if (options.drop) await actions.dropFile(letter.file);
  else await actions.chooseFile(letter.file);

  const state = page.getByTestId('prefill-state');
  await expect.poll(() => state.getAttribute('data-state'), { timeout: 90_000 }).toBe('done');
  const prefillSeconds = Number(await state.getAttribute('data-seconds'));
  // What OCR read confidently is typed in and marked; sifat and code come with a reason.
  expect(await page.locator('#in-number').inputValue()).toBe(letter.letterNumber);
  expect(await page.locator('#in-letter-date').inputValue()).toBe(letter.letterDate);
  expect((await page.locator('#in-subject').inputValue()).toLowerCase()).toBe(
    letter.subject.toLowerCase(),
  );
  expect((await page.locator('#in-sender').inputValue()).toLowerCase()).toBe(
    letter.senderName.toLowerCase(),
  );
  // The code printed in the number, unless clerks have already filed this sender's letters
  // under another: the e2e files share one server and some register the same samples, so the
  // learned code may win, and then the mark says why.
  if ((await page.locator('#in-code').inputValue()) !== letter.code)
    expect(await page.getByTestId('check-classificationCode').textContent()).toContain('dipilih');
  expect(
    await page.getByTestId('urgency').locator('[aria-pressed="true"]').first().textContent(),
  ).toContain(URGENCY_LABEL[letter.urgency]);
  const marks = await page.locator('[data-testid^="check-"]').count();
  expect(marks).toBeGreaterThanOrEqual(5);
  if (letter.urgency !== 'Biasa')
    expect(await page.getByTestId('check-urgency').textContent()).toMatch(
      /Sifat: |batas waktu|kata/,
    );
  if (options.shots) await screenshot(page, `${options.shots}-checked`);

  // One look, one key: the clerk accepts what the machine filled.
  await actions.press('Alt+t');
  expect(await page.locator('[data-testid^="check-"]').count()).toBe(0);
  await actions.press('Control+Enter');
  // The saved letter's banner (the previous letter's stays until this one is saved).
  await page.waitForFunction(
    (subject) => document.querySelector('[data-testid=saved]')?.textContent?.includes(subject),
    letter.subject.slice(0, 20),
    { timeout: 60_000 },
  );
  await page.waitForFunction(
    () => document.activeElement?.getAttribute('data-testid') === 'file-choose',
  );
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  expect(await page.getByTestId('saved').textContent()).toContain(letter.subject.slice(0, 20));
  expect(await page.getByTestId('receipt-link').getAttribute('href')).toMatch(
    /^\/api\/incoming-letters\/[0-9a-f]{24}\/receipt\.pdf$/,
  );
  // The fresh form: empty fields, no marks.
  expect(await page.locator('#in-subject').inputValue()).toBe('');
  if (options.shots) await screenshot(page, `${options.shots}-saved`);
  return {
    letter: path.basename(letter.file),
    viewport: options.viewport,
    how: options.drop ? 'drag and drop' : 'file chooser',
    actions: actions.count,
    steps: actions.log,
    seconds,
    prefillSeconds,
    filled: marks,
  };
}

describe('registration starts from the scan', () => {
  afterAll(() => {
    const dir = inject('artifactsDir');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'registration-flow.json'),
      JSON.stringify({ samples: haveSamples, loadavg: os.loadavg(), figures }, null, 2),
    );
    console.log('registration flow:', JSON.stringify(figures));
  });

  it('fills what it read, marks it, and registers letter after letter from the keyboard (desktop)', async () => {
    const { context, page } = await newPage('desktop');
    await loginAs(page, 'agendaris');
    await page.goto('/surat-masuk/catat');
    await page.getByTestId('file-drop').waitFor();
    await screenshot(page, 'registration-01-empty-desktop');

    figures.push(
      await registerOne(page, letters[0]!, {
        viewport: 'desktop',
        drop: false,
        shots: 'registration-02-desktop',
      }),
    );
    figures.push(await registerOne(page, letters[1]!, { viewport: 'desktop', drop: true }));
    const numbers = await page.getByTestId('agenda-number').textContent();
    expect(Number(numbers)).toBeGreaterThan(1);
    await context.close();
  });

  it('works the same on a phone, and refuses to save unchecked values', async () => {
    const { context, page } = await newPage('phone');
    await loginAs(page, 'agendaris');
    await page.goto('/surat-masuk/catat');
    await page.getByTestId('file-drop').waitFor();
    await screenshot(page, 'registration-03-empty-phone');
    await page.setInputFiles('[data-testid=file-input]', letters[2]!.file);
    const state = page.getByTestId('prefill-state');
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 90_000 }).toBe('done');
    await page.getByTestId('save').click();
    await page.getByTestId('check-error').waitFor();
    expect(await page.getByTestId('check-error').textContent()).toContain('belum diperiksa');
    await screenshot(page, 'registration-04-checked-phone');
    await page.getByTestId('accept-all').click();
    await page.getByTestId('save').click();
    await page.getByTestId('agenda-number').waitFor({ timeout: 60_000 });
    await screenshot(page, 'registration-05-saved-phone');
    await context.close();
  });
});
