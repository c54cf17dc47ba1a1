/** Folded forms used to compare what clerks type: case, accents, punctuation and spacing
 * do not make two senders (or two letter numbers) different. */
export function senderKeyOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** `B-99/IJ/KP.07.6/04/2020` and `b-99 / ij / kp.07.6/04/2020` are the same number. */
export function letterNumberKeyOf(number: string): string {
  return number.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

export function agendaKeyOf(register: string, year: number, number: number): string {
  return `${register}:${year}:${number}`;
}

export function pendingKeyOf(letterId: string): string {
  return `pending:${letterId}`;
}
