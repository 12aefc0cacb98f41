/** The stylesheet shared by the server's pages (inline styles are allowed by their CSP; scripts are not). */
export const pageStyle = `
:root { color-scheme: light; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif; line-height: 1.5; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; color: #1f2328; background: #fff; }
h1, h2 { line-height: 1.25; }
h2 { margin-top: 2.5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .3rem; }
.en { color: #57606a; font-size: .8em; font-weight: normal; }
nav a, .toc a { color: #0969da; }
#diagram-status { background: #f6f8fa; border-left: 4px solid #0969da; padding: .4rem .8rem; }
body[data-diagrams="failed"] #diagram-status { border-left-color: #cf222e; }
.toc { display: flex; flex-wrap: wrap; gap: .5rem 2rem; padding: 0; list-style: none; }
figure { margin: 1rem 0; overflow-x: auto; }
figcaption { color: #57606a; font-size: .9em; }
pre.mermaid { background: #fff; margin: 0; }
pre.source { background: #f6f8fa; padding: .8rem; overflow-x: auto; font-size: .85em; }
table { border-collapse: collapse; margin: 1rem 0; width: 100%; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
`;
