/** The part of mermaid's browser API the console uses. */
export interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  render(id: string, source: string): Promise<{ svg: string }>;
}

let loading: Promise<MermaidApi> | null = null;

/**
 * Mermaid, loaded once from the server (`/console/mermaid.min.js`: the installed package's own browser
 * bundle, served by the console plugin). Rejects when the server has no mermaid; the diagram panel
 * then shows the machine's Mermaid source.
 *
 * @example
 * const mermaid = await loadMermaid();
 * const { svg } = await mermaid.render('wf-1', 'stateDiagram-v2\n  a --> b');
 */
export function loadMermaid(): Promise<MermaidApi> {
  loading ??= new Promise<MermaidApi>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/console/mermaid.min.js';
    script.onload = () => {
      const mermaid = (window as unknown as { mermaid?: MermaidApi }).mermaid;
      if (mermaid) resolve(mermaid);
      else reject(new Error('mermaid did not load'));
    };
    script.onerror = () => reject(new Error('mermaid is not available on this server'));
    document.head.appendChild(script);
  }).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
