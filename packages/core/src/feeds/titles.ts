/**
 * How a digest or an alert names a post's source: the titles of the feeds that carried it, looked
 * up by URL. Only the feeds of the posts shown, each once per lookup (a digest run shares one across
 * its channels): reading every followed feed would grow with the feeds, not with what is shown.
 */
import type { FeedRepository } from "../ports/store";

export type FeedTitles = (urls: readonly string[]) => Promise<Record<string, string>>;

export function feedTitleLookup(feeds: Pick<FeedRepository, "findByUrl">): FeedTitles {
  const known = new Map<string, Promise<string | undefined>>();
  return async (urls) => {
    const unique = [...new Set(urls)];
    const titles = await Promise.all(
      unique.map((url) => {
        let title = known.get(url);
        // A lookup that fails leaves that source unnamed (a title is cosmetic), and is not kept.
        const lookup = () =>
          feeds.findByUrl(url).then(
            (feed) => feed?.title,
            () => void known.delete(url),
          );
        if (!title) known.set(url, (title = lookup()));
        return title;
      }),
    );
    return Object.fromEntries(unique.flatMap((url, i) => (titles[i] ? [[url, titles[i]]] : [])));
  };
}
