/**
 * Keeps a list from showing an older answer over a newer one: a search typed while the first page
 * is still loading must not be overwritten when that first page arrives late.
 *
 * @example
 * const latest = useLatest();
 * const ticket = latest.next();
 * const page = await fetchPage();
 * if (latest.isCurrent(ticket)) show(page);
 */
export function useLatest() {
  let counter = 0;
  return {
    next: () => ++counter,
    isCurrent: (ticket: number) => ticket === counter,
  };
}
