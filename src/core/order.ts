// Sorting lists that usually arrive in order (a member's rows sheet by sheet, a 加减分明细 kept by
// date): V8's sort copies the list even when it is sorted, so the order is checked first.

/** Sorts `items` in place by `compare` (stable), unless they are in that order already. */
export function sortUnlessOrdered<T>(items: T[], compare: (a: T, b: T) => number): void {
  for (let i = 1; i < items.length; i++) {
    if (compare(items[i - 1]!, items[i]!) > 0) {
      items.sort(compare);
      return;
    }
  }
}
