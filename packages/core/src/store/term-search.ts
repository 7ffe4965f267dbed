/**
 * Search through the word index: each term's rows (gsi1 TERM#<term>, sorted by publication time)
 * read newest first and intersected by leapfrogging — the list whose head is newer than the others'
 * jumps straight to the oldest head with a `<=` key condition, so a rare word bounds what a common
 * word costs, and a search never scans posts. Words rarely together are read to their ends, each
 * list in turn; a list that will run out before another's read does is read at the same time
 * (see `readAhead`), so both go on in one round trip instead of two.
 */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { TableRef } from "./client";
import type { SearchEnd } from "../ports/store";
import { PAGE_SIZE } from "../model/command";
import { keys } from "./schema";

/**
 * Rows read by a term's first query. A list read on from where its page ended, or sent to a point
 * its last page's density says is less than a page away, reads twice as many next time, up to the
 * maximum: walking a list far takes few requests, reading at most about twice what it needed. A
 * seek far ahead keeps the size, since what follows its landing may go unread.
 */
const FIRST_PAGE = 100;
const MAX_PAGE = 1_000;

/**
 * Matches a search is expected to need: a first page and the post beyond it. A list's next page is
 * read ahead only while fewer are expected before that page is needed: a search that fills its
 * page sooner (two common words) would never use it.
 */
const WANTED = PAGE_SIZE + 1;

interface Entry {
  sort: string;
  postId: string;
}

interface Page {
  entries: Entry[];
  next: Record<string, unknown> | undefined;
}

/** One term's index rows, newest first, with a seek. */
class TermCursor {
  private buffer: Entry[] = [];
  private position = 0;
  private startKey: Record<string, unknown> | undefined;
  private started = false;
  private pageSize = FIRST_PAGE;
  /** The page after the buffer, asked for before it was needed (`readAhead`). */
  private ahead: Promise<Page> | undefined;

  constructor(
    private readonly table: TableRef,
    private readonly term: string,
    /** Rows read so far by every cursor of the search, and how many they may read. */
    private readonly budget: { rows: number; maxRows: number },
  ) {}

  /** The current entry, reading the next page when the buffer is spent; undefined at the end. */
  async head(): Promise<Entry | undefined> {
    while (this.position >= this.buffer.length) {
      if (this.ahead) await this.adoptAhead();
      else if (this.started && !this.startKey) return undefined;
      else await this.read(undefined);
    }
    return this.buffer[this.position];
  }

  advance(): void {
    this.position += 1;
  }

  /** Moves to the first entry at or older than `sort`: within the buffer, or by a new query from there. */
  async seek(sort: string): Promise<void> {
    for (;;) {
      while (this.position < this.buffer.length && this.buffer[this.position]!.sort > sort) this.position += 1;
      if (this.position < this.buffer.length || !this.ahead) break;
      await this.adoptAhead(); // the page read ahead is the rows right after the buffer
    }
    if (this.position < this.buffer.length || (this.started && !this.startKey)) return;
    const near = this.rowsBefore(sort) < this.pageSize;
    await this.read(sort);
    if (near) this.pageSize = Math.min(this.pageSize * 2, MAX_PAGE);
  }

  /**
   * Whether moving on needs a query now: to the next entry (`sort` undefined, after a match) or to
   * the first at or older than `sort`. Rows read ahead are in hand for this: no query.
   */
  willQuery(sort?: string): boolean {
    if (this.ahead || (this.started && !this.startKey)) return false;
    if (sort === undefined) return this.position >= this.buffer.length;
    const last = this.buffer.at(-1);
    return !last || last.sort > sort;
  }

  /** Rows per ms in the buffer (its first to its last entry); undefined with fewer than two or one time. */
  density(): number | undefined {
    const first = this.buffer[0];
    const last = this.buffer.at(-1);
    if (!first || !last || this.buffer.length < 2) return undefined;
    const spanMs = timeOf(first.sort) - timeOf(last.sort);
    return spanMs > 0 ? (this.buffer.length - 1) / spanMs : undefined;
  }

  /** The time of the buffer's oldest entry: where this list's rows in hand end. */
  end(): number | undefined {
    const last = this.buffer.at(-1);
    return last ? timeOf(last.sort) : undefined;
  }

  /** How far back a query of this list made now, from `fromMs`, would reach at its buffer's density. */
  reach(fromMs: number): number | undefined {
    const density = this.density();
    return density === undefined ? undefined : fromMs - this.pageSize / density;
  }

  /** Rows its next page would hold. */
  nextPageSize(): number {
    return this.pageSize;
  }

  /** Whether there are rows after the buffer that no query has asked for yet. */
  canReadAhead(): boolean {
    return this.started && this.startKey !== undefined && !this.ahead && this.budget.rows < this.budget.maxRows;
  }

  /**
   * Asks for the page after the buffer now, as a plain read from where the buffer ends would: head
   * and seek walk into it before they query again. It counts against the budget only when used, and
   * only if the budget would have allowed that read then (`adoptAhead`): the budget ends a search
   * exactly where it did without reading ahead. A page never used (the search ended first) is dropped.
   */
  readAhead(): void {
    const ahead = this.query(undefined, this.startKey);
    ahead.catch(() => undefined); // awaited when used; unused, its failure is nobody's
    this.ahead = ahead;
    this.pageSize = Math.min(this.pageSize * 2, MAX_PAGE);
  }

  /** Takes the page read ahead as the read it stands for: the same budget check, then its rows counted. */
  private async adoptAhead(): Promise<void> {
    const page = await this.ahead!;
    if (this.budget.rows >= this.budget.maxRows) throw new BudgetSpent();
    this.budget.rows += page.entries.length;
    this.adopt(page);
  }

  private adopt(page: Page): void {
    this.ahead = undefined;
    this.buffer = page.entries;
    this.position = 0;
    this.startKey = page.next;
  }

  /** About how many of this list's rows lie between its last page's end and `sort`, at that page's density. */
  private rowsBefore(sort: string): number {
    const first = this.buffer[0];
    const last = this.buffer.at(-1);
    if (!first || !last || this.buffer.length < 2) return Number.POSITIVE_INFINITY;
    const spanMs = timeOf(first.sort) - timeOf(last.sort);
    return spanMs > 0 ? ((timeOf(last.sort) - timeOf(sort)) * (this.buffer.length - 1)) / spanMs : Number.POSITIVE_INFINITY;
  }

  private async read(atMost: string | undefined): Promise<void> {
    // Checked before a read, so the rows in hand are always used.
    if (this.budget.rows >= this.budget.maxRows) throw new BudgetSpent();
    // A seek starts a new run from its key; a plain read goes on from the last page.
    const page = await this.query(atMost, atMost === undefined ? this.startKey : undefined);
    this.budget.rows += page.entries.length;
    this.adopt(page);
    this.started = true;
    if (atMost === undefined) this.pageSize = Math.min(this.pageSize * 2, MAX_PAGE);
  }

  /** One page of this list: newest first, at or older than `atMost`, or after `startKey`. */
  private async query(atMost: string | undefined, startKey: Record<string, unknown> | undefined): Promise<Page> {
    const response = await this.table.client.send(
      new QueryCommand({
        TableName: this.table.tableName,
        IndexName: "gsi1",
        KeyConditionExpression: atMost === undefined ? "gsi1pk = :term" : "gsi1pk = :term AND gsi1sk <= :at",
        ExpressionAttributeValues: { ":term": keys.termIndex(this.term), ...(atMost === undefined ? {} : { ":at": atMost }) },
        ProjectionExpression: "gsi1sk, postId",
        ScanIndexForward: false,
        Limit: this.pageSize,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    return {
      entries: (response.Items ?? []).map((item) => ({ sort: item.gsi1sk as string, postId: item.postId as string })),
      next: response.LastEvaluatedKey,
    };
  }
}

/**
 * Before `readers` query (each from `fromMs`, back in time), the other lists whose next page will
 * be needed before those queries' pages are spent are read at the same time: one round trip where
 * the walk would take two. A list is read ahead only when
 * - it runs out before a reader's page does: its rows in hand end newer than where that query
 *   reaches (the reader's page size at its density);
 * - its next read would not skip rows: between two rows of the rarest list it has fewer than a page,
 *   so it is walked row by row and the page after its buffer is what a seek would read anyway;
 * - the search does not expect its first page's matches before then (WANTED, at the rate found so
 *   far over the time walked): two common words fill their page and never use it.
 */
function readAhead(
  cursors: TermCursor[],
  readers: { cursor: TermCursor; fromMs: number }[],
  walk: { startMs: number; atMs: number; found: number },
): void {
  if (readers.length === 0) return;
  const densities = cursors.map((cursor) => cursor.density());
  if (densities.some((density) => density === undefined)) return;
  const rarest = Math.min(...(densities as number[]));
  const walkedMs = walk.startMs - walk.atMs;
  for (const [i, cursor] of cursors.entries()) {
    if (readers.some((reader) => reader.cursor === cursor) || !cursor.canReadAhead()) continue;
    const end = cursor.end()!;
    const runsOutFirst = readers.some(({ cursor: reader, fromMs }) => {
      const reach = reader.reach(fromMs);
      return reach !== undefined && end > reach;
    });
    if (!runsOutFirst) continue;
    if (densities[i]! / rarest >= cursor.nextPageSize()) continue;
    const expected = walkedMs > 0 ? (walk.found * (walk.atMs - end)) / walkedMs : walk.found > 0 ? Number.POSITIVE_INFINITY : 0;
    if (walk.found + expected >= WANTED) continue;
    cursor.readAhead();
  }
}

/** A list would read past the search's budget. */
class BudgetSpent extends Error {}

/** The publication time at the head of a sort key (`<publishedAt>#<postId>`), in ms. */
const timeOf = (sort: string) => Date.parse(sort.slice(0, sort.indexOf("#")));

/**
 * Ids of the posts indexed under every term, newest published first; stops early (and says so)
 * once its lists have read `maxRows` rows between them.
 */
export async function* searchTerms(
  table: TableRef,
  terms: string[],
  maxRows = Number.POSITIVE_INFINITY,
): AsyncGenerator<string, SearchEnd> {
  if (terms.length === 0) return { complete: true };
  const budget = { rows: 0, maxRows };
  const cursors = [...new Set(terms)].map((term) => new TermCursor(table, term, budget));
  const walk = { startMs: Number.NaN, atMs: Number.NaN, found: 0 };
  try {
    for (;;) {
      // After a match each list moves to its next entry: those out of rows query for it.
      if (walk.found > 0) {
        const readers = cursors.flatMap((cursor) => {
          const fromMs = cursor.end();
          return cursor.willQuery() && fromMs !== undefined ? [{ cursor, fromMs }] : [];
        });
        readAhead(cursors, readers, walk);
      }
      const heads = await Promise.all(cursors.map((cursor) => cursor.head()));
      if (heads.some((head) => head === undefined)) return { complete: true };
      const entries = heads as Entry[];
      const oldest = entries.reduce((min, entry) => (entry.sort < min ? entry.sort : min), entries[0]!.sort);
      walk.atMs = timeOf(oldest);
      if (Number.isNaN(walk.startMs)) walk.startMs = walk.atMs;
      if (entries.every((entry) => entry.sort === oldest)) {
        walk.found += 1;
        yield entries[0]!.postId;
        for (const cursor of cursors) cursor.advance();
        continue;
      }
      const behind = cursors.filter((_, i) => entries[i]!.sort > oldest);
      readAhead(
        cursors,
        behind.filter((cursor) => cursor.willQuery(oldest)).map((cursor) => ({ cursor, fromMs: walk.atMs })),
        walk,
      );
      await Promise.all(behind.map((cursor) => cursor.seek(oldest)));
    }
  } catch (error) {
    if (error instanceof BudgetSpent) return { complete: false };
    throw error;
  }
}
