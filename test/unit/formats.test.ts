import fc from 'fast-check';
import { canonicalJson } from '../../src/domain/canonical-json';
import { decodeEvidence, encodeEvidence } from '../../src/domain/evidence';
import { parseRelationshipKey, relationshipKey } from '../../src/domain/relationship-key';
import { isTimelineKey, keyCeiling, timelineKey, yearKeyPrefix } from '../../src/domain/timeline-key';
import { decodeCursor, encodeCursor } from '../../src/services/cursor';

const slug = fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/);
const day = fc
  .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

describe('timeline key', () => {
  it('orders by first day, then the more precise date, then id', () => {
    const keys = [
      timelineKey({ earliest: '2024-06-01', precision: 'MONTH' }, 'june'),
      timelineKey({ earliest: '2024-01-01', precision: 'YEAR' }, 'year'),
      timelineKey({ earliest: '2024-06-01', precision: 'DAY' }, 'first-of-june'),
      timelineKey({ earliest: '2024-06-01', precision: 'RANGE' }, 'first-days-of-june'),
    ].sort();
    expect(keys).toEqual([
      '2024-01-01|3|year',
      '2024-06-01|0|first-of-june',
      '2024-06-01|1|first-days-of-june',
      '2024-06-01|2|june',
    ]);
  });

  it('round-trips through a cursor, and refuses what is not one (property)', () => {
    fc.assert(
      fc.property(
        day,
        fc.constantFrom('DAY' as const, 'RANGE' as const, 'MONTH' as const, 'YEAR' as const),
        slug,
        (earliest, precision, id) => {
          const key = timelineKey({ earliest, precision }, id);
          expect(isTimelineKey(key)).toBe(true);
          expect(key.endsWith(`|${id}`)).toBe(true);
          expect(decodeCursor(encodeCursor(key))).toBe(key);
        },
      ),
    );
    for (const bad of [
      '',
      'x',
      Buffer.from('tl1:2024|0|x').toString('base64url'),
      Buffer.from('tl2:2024-01-01|0|x').toString('base64url'),
      '!!!',
    ]) {
      expect(() => decodeCursor(bad)).toThrow(/not a cursor/);
    }
  });

  it('bounds keys: the year prefix of whole-year dates, a ceiling above every key of a day', () => {
    fc.assert(
      fc.property(
        day,
        fc.constantFrom('DAY' as const, 'RANGE' as const, 'MONTH' as const, 'YEAR' as const),
        slug,
        (earliest, precision, id) => {
          const key = timelineKey({ earliest, precision }, id);
          expect(key <= keyCeiling(earliest)).toBe(true);
          if (precision === 'YEAR' && earliest.endsWith('-01-01'))
            expect(key.startsWith(yearKeyPrefix(earliest.slice(0, 4)))).toBe(true);
        },
      ),
    );
  });
});

describe('relationship key', () => {
  it('round-trips (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('LED_BY', 'PARTICIPATED_IN'),
        slug,
        slug,
        fc.constantFrom('', 'host', 'head_of_state'),
        (type, from, to, key) => {
          expect(parseRelationshipKey(relationshipKey(type, from, to, key))).toEqual({ type, from, to, key });
        },
      ),
    );
  });
});

describe('evidence', () => {
  it('encodes with the source first and decodes what it encoded (property)', () => {
    fc.assert(
      fc.property(
        slug,
        fc.string(),
        fc.nat(),
        fc.nat(),
        fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
        (source, quote, start, sentence, note) => {
          const text = encodeEvidence(source, {
            quote,
            start,
            end: start + quote.length,
            sentence,
            confidence: 1,
            note,
          });
          expect(text.startsWith(`{"source":${JSON.stringify(source)},`)).toBe(true);
          expect(decodeEvidence(text)).toEqual({
            sourceId: source,
            quote,
            start,
            end: start + quote.length,
            sentence,
            confidence: 1,
            note: note ?? null,
          });
        },
      ),
    );
  });
});

describe('canonicalJson', () => {
  it('is independent of key order and drops undefined (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [2, { z: 0, y: 1 }] } })).toBe(
      '{"a":{"c":[2,{"y":1,"z":0}]},"b":1}',
    );
  });
});
