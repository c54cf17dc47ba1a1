import { describe, expect, it } from 'vitest';
import type { AdminCertificate } from '@/api/pki.ts';
import {
  fileToBase64,
  filterCertificates,
  formatFingerprint,
  groupedSerial,
  importProblems,
} from './pki-list.ts';

const cert = (overrides: Partial<AdminCertificate>): AdminCertificate => ({
  id: 'a',
  userId: 'u',
  userName: 'Drs. Ahmad Fauzi, M.Si.',
  subjectName: 'Drs. Ahmad Fauzi, M.Si.',
  serial: '3f9a01bc',
  status: 'active',
  issuedAt: '2026-12-01T00:00:00.000Z',
  notAfter: '2028-12-01T00:00:00.000Z',
  revokedAt: null,
  state: 'active',
  revocationReason: null,
  positionTitle: 'Sekretaris Daerah',
  issuerSubject: 'CA Pemerintah Provinsi Lampung',
  caCurrent: true,
  ...overrides,
});

describe('PKI screen helpers', () => {
  const items = [
    cert({ id: '1' }),
    cert({ id: '2', userName: 'Rina', positionTitle: 'Kepala Biro Umum', state: 'revoked' }),
    cert({ id: '3', userName: 'Budi', positionTitle: null, state: 'expired', serial: 'beef' }),
  ];

  it('filters by state and by words of name, position or serial', () => {
    expect(filterCertificates(items, 'all', '').map((c) => c.id)).toEqual(['1', '2', '3']);
    expect(filterCertificates(items, 'revoked', '').map((c) => c.id)).toEqual(['2']);
    expect(filterCertificates(items, 'all', 'biro umum').map((c) => c.id)).toEqual(['2']);
    expect(filterCertificates(items, 'all', 'BEEF').map((c) => c.id)).toEqual(['3']);
    expect(filterCertificates(items, 'active', 'rina')).toEqual([]);
  });

  it('formats serials and fingerprints for reading', () => {
    expect(groupedSerial('3f9a01bc77')).toBe('3f9a 01bc 77');
    expect(formatFingerprint('ab01cd')).toBe('AB:01:CD');
  });

  it('refuses a missing file, another format, a huge file, and a missing password', () => {
    expect(importProblems(null, '')).toEqual({
      file: 'pki.import.noFile',
      password: 'pki.import.noPassword',
    });
    expect(importProblems({ name: 'ca.pem', size: 10 }, 'x').file).toBe('pki.import.wrongType');
    expect(importProblems({ name: 'CA.PFX', size: 10_000_000 }, 'x').file).toBe(
      'pki.import.tooLarge',
    );
    expect(importProblems({ name: 'ca.p12', size: 2_000 }, 'rahasia')).toEqual({});
  });

  it('reads a file as base64', async () => {
    expect(await fileToBase64(new Blob([new Uint8Array([0, 1, 2, 250])]))).toBe('AAEC+g==');
  });
});
