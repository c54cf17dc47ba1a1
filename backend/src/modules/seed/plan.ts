import { addDays, jakartaDate, startOfJakartaDay, weekday } from '../calendar/dates.ts';
import { rng } from './corpus.ts';

/**
 * Where each practice letter sits: letter 0 is the newest, and letter i is older the larger
 * i is, at a secretariat's pace (`perDay` letters each working day, going back from the day
 * before the anchor). The place of a letter depends on its index only, never on how many
 * letters are seeded, so seeding more adds older letters and never moves the ones there.
 *
 * Agenda numbers follow time within a register and year, as registration gives them: the
 * oldest letter of a year is number 1 of its register, unless that part of the year is not
 * seeded (yet), in which case the seeded letters carry the numbers they would have had,
 * as when a secretariat moves to Lontar in the middle of a year and keeps the paper
 * register's numbering. Every seeded range is gap-free up to the counter.
 */

export const REGISTERS = [
  { code: 'SETDA', name: 'Buku Agenda Surat Masuk Sekretariat Daerah', share: 0.8 },
  { code: 'BIRO-UMUM', name: 'Buku Agenda Surat Masuk Biro Umum', share: 0.15 },
  { code: 'RAHASIA', name: 'Buku Agenda Surat Rahasia', share: 0.05 },
] as const;
export type RegisterCode = (typeof REGISTERS)[number]['code'];

/** The working day of the day: 07.30 to 16.00 in Jakarta. */
const DAY_START_MIN = 7 * 60 + 30;
const DAY_MINUTES = 8.5 * 60;

export interface Placement {
  index: number;
  /** The registration instant. */
  at: Date;
  /** Its Jakarta calendar date. */
  date: string;
  register: RegisterCode;
  year: number;
  number: number;
}

export class SeedPlan {
  readonly anchor: Date;
  readonly perDay: number;
  /** Working days back from the anchor (index 0 = the last working day before it). */
  private readonly days: string[] = [];
  private readonly registers: Uint8Array;
  /** prefix[r][i] = letters of register r among indexes below i. */
  private readonly prefix: Int32Array[];

  /** `upTo`: the number of letters the run may place (registers are drawn up to the start
   * of the oldest year they reach, to number that year's letters). */
  constructor(anchor: Date, perDay: number, upTo: number) {
    this.anchor = anchor;
    this.perDay = perDay;
    let day = addDays(jakartaDate(anchor), -1);
    const needDays = Math.ceil(upTo / perDay) + 1;
    while (this.days.length < needDays) {
      if (weekday(day) !== 0 && weekday(day) !== 6) this.days.push(day);
      day = addDays(day, -1);
    }
    // Go on to the first working day of the oldest year, so its numbers can be counted.
    const oldestYear = this.days.at(-1)!.slice(0, 4);
    while (true) {
      if (weekday(day) !== 0 && weekday(day) !== 6) {
        if (day.slice(0, 4) !== oldestYear) break;
        this.days.push(day);
      }
      day = addDays(day, -1);
    }
    const limit = this.days.length * perDay;
    this.registers = new Uint8Array(limit);
    this.prefix = REGISTERS.map(() => new Int32Array(limit + 1));
    for (let i = 0; i < limit; i++) {
      const u = rng(0x5eed0000 + i)();
      let r = 0;
      for (let acc = REGISTERS[0].share; r < REGISTERS.length - 1 && u >= acc;)
        acc += REGISTERS[++r]!.share;
      this.registers[i] = r;
      for (let k = 0; k < REGISTERS.length; k++)
        this.prefix[k]![i + 1] = this.prefix[k]![i]! + (k === r ? 1 : 0);
    }
  }

  place(index: number): Placement {
    const dayIndex = Math.floor(index / this.perDay);
    const date = this.days[dayIndex];
    if (!date) throw new Error(`letter ${index} is beyond the plan`);
    const slot = index % this.perDay;
    // Slot 0 is the day's last registration; a little jitter keeps minutes irregular.
    const spacing = DAY_MINUTES / this.perDay;
    const jitter = rng(0x7157 + index)() * spacing * 0.8;
    const minutes = DAY_START_MIN + (this.perDay - 1 - slot) * spacing + jitter;
    const at = new Date(startOfJakartaDay(date).getTime() + Math.round(minutes * 60_000));
    const r = this.registers[index]!;
    const year = Number(date.slice(0, 4));
    // The oldest letter of this year: the first slot of the year's first working day.
    let lastDay = dayIndex;
    while (this.days[lastDay + 1]?.startsWith(String(year))) lastDay++;
    const oldest = (lastDay + 1) * this.perDay - 1;
    const prefix = this.prefix[r]!;
    const number = prefix[oldest + 1]! - prefix[index]!;
    return { index, at, date, register: REGISTERS[r]!.code, year, number };
  }
}
