/**
 * The share link: the analysis set-up (the saved state of src/domain/saved-state.ts, the language, and the
 * "Open from URL" address when the data came from one) in the URL fragment as `#s=<base64url of deflate-raw of
 * JSON>`. Never a data row: the saved state holds settings (column names, dates, scores, rules, costs), the view
 * and the selection (segment, cell, rank range…), and nothing read from the file. The fragment is not sent to
 * the server.
 */
import { parseSavedState, type SavedState, type SavedStateProblem } from './saved-state';

/** The fragment's key: `#s=…`. */
export const SHARE_KEY = 's';

/** What a share link restores. */
export interface SharedSetup {
  state: SavedState;
  /** The language code the link was made in, or null. */
  language: string | null;
  /** The "Open from URL" address the data came from, or null (a local file: the user gives it again). */
  url: string | null;
}

/** Why a fragment could not be restored: not a share link, damaged (not base64url/deflate), or the saved state's own refusals. */
export type ShareLinkProblem = 'not-share-link' | 'damaged' | SavedStateProblem;

/** The fragment (`#s=…`) for a saved state (saveState's JSON text), the language code and the source address. */
export async function encodeShareLink(savedStateJson: string, language: string | null, url: string | null): Promise<string> {
  const payload = JSON.stringify({ ...JSON.parse(savedStateJson), language, url });
  const packed = await pipe(new TextEncoder().encode(payload), new CompressionStream('deflate-raw'));
  return `#${SHARE_KEY}=${toBase64Url(packed)}`;
}

/** True when a URL fragment holds a share link (whether or not it can be restored). */
export function isShareLink(hash: string): boolean {
  return new URLSearchParams(hash.replace(/^#/, '')).has(SHARE_KEY);
}

/** Reads a fragment back: the set-up, an older version migrated, or the problem that keeps it from being restored. */
export async function decodeShareLink(hash: string): Promise<{ ok: true; setup: SharedSetup } | { ok: false; problem: ShareLinkProblem }> {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get(SHARE_KEY);
  if (value === null) return { ok: false, problem: 'not-share-link' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await pipe(fromBase64Url(value), new DecompressionStream('deflate-raw')));
  } catch {
    return { ok: false, problem: 'damaged' };
  }
  const parsed = parseSavedState(text);
  if (!parsed.ok) return parsed;
  if (!plausibleSettings(parsed.state)) return { ok: false, problem: 'not-saved-state' };
  const extra = JSON.parse(text) as { language?: unknown; url?: unknown };
  return {
    ok: true,
    setup: {
      state: parsed.state,
      language: typeof extra.language === 'string' ? extra.language : null,
      url: typeof extra.url === 'string' && /^https?:\/\//i.test(extra.url) ? extra.url : null,
    },
  };
}

/** The shape checks that keep a hand-edited link from reaching the worker with settings it cannot score. */
function plausibleSettings(s: SavedState): boolean {
  const st = s.settings;
  return !!st.mapping && typeof st.mapping === 'object' && [3, 4, 5].includes(st.bins) && Array.isArray(st.segmentRules)
    && !!st.costModel && typeof st.costModel === 'object' && typeof s.selection.kind === 'string';
}

/** Runs bytes through a compression or decompression stream. */
async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** base64url without padding (RFC 4648 §5), safe in a fragment without escaping. */
function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of a base64url text; throws on a character outside the alphabet. */
function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
