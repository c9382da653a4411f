import { stringify } from 'csv-stringify/sync';
import { eventTypeName } from '../domain/model';
import type { FeedWording } from '../feeds/feed-wording';
import { describeAgreements, describeHeads, describeParticipants, headsOf } from '../feeds/describe';
import { titleOf } from '../feeds/vis-timeline';
import type { ExportPage, TimelineExport } from '../services/timeline-export.service';
import { eventDays } from './event-days';

/** The columns of the CSV export, in order; the header row names them. */
const CSV_COLUMNS = [
  'id',
  'title',
  'title_en',
  'type',
  'type_name',
  'date',
  'end_date',
  'precision',
  'first_day',
  'last_day',
  'year_inferred',
  'date_note',
  'disputed',
  'place_id',
  'place',
  'participants',
  'participant_ids',
  'heads',
  'head_ids',
  'agreements',
  'quotes',
  'sources',
] as const;

type CsvRecord = Record<(typeof CSV_COLUMNS)[number], string>;

/**
 * A cell a spreadsheet program would run as a formula (`=`, `+`, `-`, `@`, their full-width forms,
 * a tab or a line break first) gets a leading apostrophe, as OWASP advises against CSV injection: quotes from the news are
 * untrusted text. Other cells are left exactly as stored.
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) ? `'${text}` : text;
}

function toRecords(page: ExportPage, wording: FeedWording): CsvRecord[] {
  return page.events.map((item) => {
    const { event, details } = item;
    const days = eventDays(event);
    const record: CsvRecord = {
      id: event.id,
      title: titleOf(event, wording),
      title_en: event.titleEn ?? '',
      type: event.type,
      type_name: eventTypeName(event.type, wording.language),
      date: event.date.iso,
      end_date: event.endDate?.iso ?? '',
      precision: event.date.precision,
      first_day: days.first,
      last_day: days.last,
      year_inferred: String(event.date.inferred),
      date_note: event.date.note ?? '',
      disputed: String(event.disputed),
      place_id: details.place?.id ?? '',
      place: details.place?.name ?? '',
      participants: describeParticipants(item),
      participant_ids: details.participants.map((p) => p.entity.id).join('; '),
      heads: describeHeads(item),
      head_ids: headsOf(item)
        .map((head) => head.entity.id)
        .join('; '),
      agreements: describeAgreements(item).join('; '),
      // One line per piece of evidence, its source on the same line of `sources`.
      quotes: event.evidence.map((evidence) => evidence.quote.replace(/\s*\n\s*/g, ' ')).join('\n'),
      sources: event.evidence
        .map((evidence) => page.sources.get(evidence.sourceId)?.url ?? evidence.sourceId)
        .join('\n'),
    };
    return Object.fromEntries(
      Object.entries(record).map(([column, value]) => [column, spreadsheetSafe(value)]),
    ) as CsvRecord;
  });
}

/**
 * The selection as RFC 4180 CSV (CRLF between records, fields with commas, quotes or line breaks
 * quoted), a header row first, one row per event in timeline order. It starts with a UTF-8 byte
 * order mark: without it Excel reads the file as the local code page and garbles "Rússia".
 */
export async function* timelineCsv(selection: TimelineExport, wording: FeedWording): AsyncGenerator<string> {
  // csv-stringify quotes a field holding the record delimiter (CRLF) but not a bare LF; strict readers
  // (Python's csv, Excel) would then split the record: every line break is quoted.
  const options = { columns: [...CSV_COLUMNS], record_delimiter: 'windows' as const, quoted_match: /[\r\n]/ };
  yield stringify([], { ...options, header: true, bom: true });
  for await (const page of selection.pages) yield stringify(toRecords(page, wording), options);
}
