/**
 * Search through the word index: each term's rows (gsi1 TERM#<term>, sorted by publication time)
 * read newest first and intersected by leapfrogging — the list whose head is newer than the others'
 * jumps straight to the oldest head with a `<=` key condition, so a rare word bounds what a common
 * word costs, and a search never scans posts.
 */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { TableRef } from "./client";
import type { SearchEnd } from "../ports/store";
import { keys } from "./schema";

/**
 * Rows read by a term's first query. A list read on from where its page ended, or sent to a point
 * its last page's density says is less than a page away, reads twice as many next time, up to the
 * maximum: walking a list far takes few requests, reading at most about twice what it needed. A
 * seek far ahead keeps the size, since what follows its landing may go unread.
 */
const FIRST_PAGE = 100;
const MAX_PAGE = 1_000;

interface Entry {
  sort: string;
  postId: string;
}

/** One term's index rows, newest first, with a seek. */
class TermCursor {
  private buffer: Entry[] = [];
  private position = 0;
  private startKey: Record<string, unknown> | undefined;
  private started = false;
  private pageSize = FIRST_PAGE;

  constructor(
    private readonly table: TableRef,
    private readonly term: string,
    /** Rows read so far by every cursor of the search, and how many they may read. */
    private readonly budget: { rows: number; maxRows: number },
  ) {}

  /** The current entry, reading the next page when the buffer is spent; undefined at the end. */
  async head(): Promise<Entry | undefined> {
    while (this.position >= this.buffer.length) {
      if (this.started && !this.startKey) return undefined;
      await this.read(undefined);
    }
    return this.buffer[this.position];
  }

  advance(): void {
    this.position += 1;
  }

  /** Moves to the first entry at or older than `sort`: within the buffer, or by a new query from there. */
  async seek(sort: string): Promise<void> {
    while (this.position < this.buffer.length && this.buffer[this.position]!.sort > sort) this.position += 1;
    if (this.position < this.buffer.length || (this.started && !this.startKey)) return;
    const near = this.rowsBefore(sort) < this.pageSize;
    await this.read(sort);
    if (near) this.pageSize = Math.min(this.pageSize * 2, MAX_PAGE);
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
    const response = await this.table.client.send(
      new QueryCommand({
        TableName: this.table.tableName,
        IndexName: "gsi1",
        KeyConditionExpression: atMost === undefined ? "gsi1pk = :term" : "gsi1pk = :term AND gsi1sk <= :at",
        ExpressionAttributeValues: { ":term": keys.termIndex(this.term), ...(atMost === undefined ? {} : { ":at": atMost }) },
        ProjectionExpression: "gsi1sk, postId",
        ScanIndexForward: false,
        Limit: this.pageSize,
        // A seek starts a new run from its key; a plain read goes on from the last page.
        ...(atMost === undefined && this.startKey ? { ExclusiveStartKey: this.startKey } : {}),
      }),
    );
    this.started = true;
    this.budget.rows += response.Items?.length ?? 0;
    this.buffer = (response.Items ?? []).map((item) => ({ sort: item.gsi1sk as string, postId: item.postId as string }));
    this.position = 0;
    this.startKey = response.LastEvaluatedKey;
    if (atMost === undefined) this.pageSize = Math.min(this.pageSize * 2, MAX_PAGE);
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
  try {
    for (;;) {
      const heads = await Promise.all(cursors.map((cursor) => cursor.head()));
      if (heads.some((head) => head === undefined)) return { complete: true };
      const entries = heads as Entry[];
      const oldest = entries.reduce((min, entry) => (entry.sort < min ? entry.sort : min), entries[0]!.sort);
      if (entries.every((entry) => entry.sort === oldest)) {
        yield entries[0]!.postId;
        for (const cursor of cursors) cursor.advance();
        continue;
      }
      await Promise.all(cursors.filter((_, i) => entries[i]!.sort > oldest).map((cursor) => cursor.seek(oldest)));
    }
  } catch (error) {
    if (error instanceof BudgetSpent) return { complete: false };
    throw error;
  }
}
