import { distance } from "fastest-levenshtein";

/**
 * Returns the candidate a mistyped word most likely meant, or `undefined` when
 * none is close enough to suggest.
 *
 * Words are compared ignoring case, so a candidate equal but for case is zero
 * edits away and always wins (`SourceCidrIP` means `SourceCidrIp`). Otherwise
 * the closest candidate wins when it needs at most one edit per three
 * characters of the word; the first listed wins a tie.
 *
 * @param word the word as written
 * @param candidates the words it may have meant
 */
export function suggestClosest(word: string, candidates: readonly string[]): string | undefined {
  const lowerWord = word.toLowerCase();
  const allowedEdits = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = allowedEdits + 1;
  for (const candidate of candidates) {
    // Words far apart in length cannot be close; skipping them keeps huge inputs cheap.
    if (Math.abs(candidate.length - word.length) >= bestDistance) {
      continue;
    }
    const edits = distance(lowerWord, candidate.toLowerCase());
    if (edits < bestDistance) {
      best = candidate;
      bestDistance = edits;
    }
  }
  return best;
}
