import { DRAFTED_TITLE_PREFIX } from '../../src/bundle/bundle-schema';

/**
 * What an author does last to a draft: deletes its `draft:` line and writes a title for each
 * drafted event (here its type and number), so the loader takes it.
 */
export function reviewDraft(draft: Record<string, unknown>): Record<string, unknown> {
  const { draft: _mark, ...bundle } = draft;
  const events = (bundle.events as Record<string, unknown>[] | undefined) ?? [];
  return {
    ...bundle,
    events: events.map((event, index) => {
      const rewrite = (title: unknown) =>
        typeof title === 'string' && title.startsWith(DRAFTED_TITLE_PREFIX)
          ? `${String(event.type)} ${index + 1}`
          : title;
      return { ...event, title: rewrite(event.title), titleEn: rewrite(event.titleEn) };
    }),
  };
}
