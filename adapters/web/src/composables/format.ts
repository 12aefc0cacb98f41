/** YYYY-MM-DD in China's time zone (the platform's dates), from an ISO timestamp or a date. */
export function day(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** YYYY-MM-DD HH:mm in China's time zone. */
export function dayTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

/** Element Plus tag types for a state path (the machine's groups). */
export function stateTagType(state: string): 'success' | 'danger' | 'warning' | 'info' | 'primary' {
  if (/approved|certified|activated|active/.test(state)) return 'success';
  if (/rejected|disabled/.test(state)) return 'danger';
  if (/returned|pending|applied|issued/.test(state)) return 'warning';
  if (/closed|withdrawn|expired/.test(state)) return 'info';
  return 'primary';
}
