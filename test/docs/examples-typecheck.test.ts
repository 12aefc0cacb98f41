/**
 * The examples in the documentation compile (issue 7 part 5): every
 * `@example` in the JSDoc of the public API — what `probation-workflow` and
 * `probation-workflow/fastify` export, and the methods of the Engine's areas
 * — every ```ts block of README.md and docs/**\/*.md, and the example
 * programs of docs/examples, type-checked strict in one TypeScript program
 * against the sources. The snippet convention is documented in
 * docs/examples/README.md; a failure names the file, the line and the error.
 */
import t from 'tap';
import ts from 'typescript';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const entries = {
  'probation-workflow': join(repo, 'src', 'index.ts'),
  'probation-workflow/fastify': join(repo, 'adapters', 'http', 'plugin.ts'),
  'probation-workflow/openapi': join(repo, 'docs', 'openapi.d.ts'),
} as const;

/** Free variables every snippet may use without declaring them (the names the docs use for the usual objects). */
const prelude: Record<string, string> = {
  engine: '__PW.Engine',
  database: '__PW.Database',
  db: '__PW.Database',
  logger: '__PW.Logger',
  admin: '__PW.Actor',
  district: '__PW.Actor',
  unit: '__PW.Actor',
  candidate: '__PW.Actor',
  projectId: 'string',
  applicationId: 'string',
  institutionId: 'string',
  actor: '__PW.Actor',
  app: '__Fastify.FastifyInstance',
  request: '__Fastify.FastifyRequest',
};
const preludeImports = "import type * as __PW from 'probation-workflow'; import type * as __Fastify from 'fastify';";

const config = ts.readConfigFile(join(repo, 'tsconfig.json'), ts.sys.readFile);
const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, repo);
const options: ts.CompilerOptions = {
  ...parsed.options,
  noEmit: true,
  skipLibCheck: true,
  paths: {
    'probation-workflow': [entries['probation-workflow']],
    'probation-workflow/fastify': [entries['probation-workflow/fastify']],
    'probation-workflow/openapi': [entries['probation-workflow/openapi']],
  },
};

interface Snippet {
  /** Where it comes from, as a reader finds it: `README.md:42` or `src/x.ts:10 (@example of foo)`. */
  origin: string;
  /** Line of the snippet's first code line in its origin file (1-based), for error positions. */
  line: number;
  /** A JSDoc example: the public API is in scope even when it imports other modules. */
  jsdoc?: boolean;
  file: string;
  code: string;
}

function* markdownFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* markdownFiles(path);
    else if (name.endsWith('.md')) yield path;
  }
}

/** ```ts / ```typescript blocks; an info string containing `no-check` opts a block out. */
function markdownBlocks(path: string): { line: number; code: string }[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const blocks: { line: number; code: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*```(ts|typescript)\b(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end]!)) end++;
    if (!open[2]!.includes('no-check')) blocks.push({ line: start + 1, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

/** The code of an `@example` tag: its fenced block if it has one, else its whole text without a `<caption>`. */
function exampleCode(text: string): string {
  const fenced = /```(?:ts|typescript|js)?\n([\s\S]*?)```/.exec(text);
  return (fenced ? fenced[1]! : text.replace(/^\s*<caption>.*?<\/caption>/, '')).trim();
}

function topLevelNames(code: string): { names: Set<string>; hasImports: boolean } {
  const source = ts.createSourceFile('snippet.mts', code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const names = new Set<string>();
  let hasImports = false;
  const bind = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      hasImports = true;
      const clause = statement.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.add(element.name.text);
    } else if (ts.isImportEqualsDeclaration(statement)) {
      hasImports = true;
      names.add(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) bind(declaration.name);
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement) ||
        ts.isModuleDeclaration(statement)) &&
      statement.name &&
      ts.isIdentifier(statement.name)
    ) {
      names.add(statement.name.text);
    }
  }
  return { names, hasImports };
}

// Program 1: the public API as the two entries export it.
const host = ts.createCompilerHost(options);
const apiProgram = ts.createProgram({ rootNames: Object.values(entries), options, host });
const checker = apiProgram.getTypeChecker();

interface PublicExport {
  name: string;
  entry: keyof typeof entries;
  isFunction: boolean;
  declarations: ts.Declaration[];
}

const publicExports: PublicExport[] = [];
for (const [entry, path] of Object.entries(entries) as [keyof typeof entries, string][]) {
  const moduleSymbol = checker.getSymbolAtLocation(apiProgram.getSourceFile(path)!)!;
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const declarations = target.declarations ?? [];
    const isValue = (target.flags & ts.SymbolFlags.Value) !== 0;
    const isFunction =
      isValue &&
      declarations.length > 0 &&
      checker.getTypeOfSymbolAtLocation(target, declarations[0]!).getCallSignatures().length > 0 &&
      !(target.flags & ts.SymbolFlags.Class);
    publicExports.push({ name: symbol.name, entry, isFunction, declarations });
  }
}

const examplesOf = (node: ts.Node): ts.JSDocTag[] => ts.getJSDocTags(node).filter((tag) => tag.tagName.text === 'example');

const snippets: Snippet[] = [];
const seenTags = new Set<ts.JSDocTag>();
const addExamples = (node: ts.Node, label: string) => {
  for (const tag of examplesOf(node)) {
    if (seenTags.has(tag)) continue;
    seenTags.add(tag);
    const source = node.getSourceFile();
    const line = source.getLineAndCharacterOfPosition(tag.getStart(source)).line + 1;
    const code = exampleCode(ts.getTextOfJSDocComment(tag.comment) ?? '');
    snippets.push({ origin: `${relative(repo, source.fileName)}:${line} (@example of ${label})`, line: line + 1, file: source.fileName, code, jsdoc: true });
  }
};
for (const e of publicExports) for (const declaration of e.declarations) addExamples(declaration, e.name);

// The methods of the Engine and of its service areas (engine.declarations.send …). The plumbing
// (db is Kysely's, clock and logger are ports a host implements, security is settings) is left out.
const engineExport = publicExports.find((e) => e.name === 'Engine')!;
const engineType = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation((engineExport.declarations[0] as ts.InterfaceDeclaration).name)!);
const notServiceAreas = new Set(['db', 'clock', 'logger', 'security', 'workflows']);
const ownSource = (d: ts.Declaration) => d.getSourceFile().fileName.startsWith(repo) && !d.getSourceFile().fileName.includes('node_modules');
const engineMethods: { name: string; declarations: ts.Declaration[] }[] = [];
for (const area of checker.getPropertiesOfType(engineType)) {
  if (notServiceAreas.has(area.name)) continue;
  const areaType = checker.getTypeOfSymbol(area);
  if (areaType.getCallSignatures().length > 0) {
    engineMethods.push({ name: `engine.${area.name}`, declarations: area.declarations ?? [] });
    continue;
  }
  for (const member of checker.getPropertiesOfType(areaType)) {
    const declarations = (member.declarations ?? []).filter(ownSource);
    if (declarations.length && checker.getTypeOfSymbol(member).getCallSignatures().length > 0) {
      engineMethods.push({ name: `engine.${area.name}.${member.name}`, declarations });
    }
  }
}
for (const method of engineMethods) for (const declaration of method.declarations) addExamples(declaration, method.name);

const markdown = [join(repo, 'README.md'), ...markdownFiles(join(repo, 'docs'))];
for (const path of markdown) {
  for (const block of markdownBlocks(path)) {
    snippets.push({ origin: `${relative(repo, path)}:${block.line}`, line: block.line, file: path, code: block.code });
  }
}

// Each snippet becomes a module: one prelude line, then the snippet as written.
const virtualDir = join(repo, '.snippets-typecheck');
const valueAndTypeNames = new Map<string, keyof typeof entries>();
for (const e of publicExports) if (!valueAndTypeNames.has(e.name)) valueAndTypeNames.set(e.name, e.entry);
const virtualFiles = new Map<string, Snippet>();
snippets.forEach((snippet, index) => {
  const { names, hasImports } = topLevelNames(snippet.code);
  const parts = [preludeImports];
  if (snippet.jsdoc || !hasImports) {
    for (const entry of Object.keys(entries) as (keyof typeof entries)[]) {
      const imported = [...valueAndTypeNames].filter(([name, from]) => from === entry && !names.has(name)).map(([name]) => name);
      if (imported.length) parts.push(`import { ${imported.join(', ')} } from '${entry}';`);
    }
  }
  for (const [name, type] of Object.entries(prelude)) if (!names.has(name)) parts.push(`declare const ${name}: ${type};`);
  parts.push('export {};');
  virtualFiles.set(join(virtualDir, `snippet-${String(index).padStart(3, '0')}.mts`), { ...snippet, code: `${parts.join(' ')}\n${snippet.code}\n` });
});

const exampleProgramsDir = join(repo, 'docs', 'examples');
const examplePrograms = readdirSync(exampleProgramsDir).filter((f) => f.endsWith('.ts')).map((f) => join(exampleProgramsDir, f));

const snippetHost: ts.CompilerHost = {
  ...host,
  fileExists: (file) => virtualFiles.has(file) || host.fileExists(file),
  readFile: (file) => virtualFiles.get(file)?.code ?? host.readFile(file),
  getSourceFile: (file, language, onError, create) => {
    const snippet = virtualFiles.get(file);
    return snippet ? ts.createSourceFile(file, snippet.code, language, true) : host.getSourceFile(file, language, onError, create);
  },
};

t.test('every function exported by probation-workflow and probation-workflow/fastify has a JSDoc @example', async (t) => {
  const functions = publicExports.filter((e) => e.isFunction);
  t.ok(functions.length >= 20, `${functions.length} exported functions found`);
  const missing = functions
    .filter((e) => !e.declarations.some((d) => examplesOf(d).length > 0))
    .map((e) => `${e.entry}: ${e.name} (${relative(repo, e.declarations[0]!.getSourceFile().fileName)})`);
  t.same(missing, [], 'exported functions without an @example');
  t.ok(functions.some((e) => e.name === 'createEngine') && functions.some((e) => e.name === 'probationPlugin'), 'createEngine and probationPlugin are among them');
});

t.test("every method of the Engine and of its service areas has a JSDoc @example", async (t) => {
  t.ok(engineMethods.length >= 40, `${engineMethods.length} methods found`);
  t.ok(engineMethods.some((m) => m.name === 'engine.declarations.send'), 'engine.declarations.send is among them');
  const missing = engineMethods
    .filter((m) => !m.declarations.some((d) => examplesOf(d).length > 0))
    .map((m) => `${m.name} (${relative(repo, m.declarations[0]!.getSourceFile().fileName)})`);
  t.same(missing, [], 'methods without an @example');
});

t.test('the @examples of the public API, the ts blocks of README.md and docs/, and docs/examples type-check', async (t) => {
  const started = Date.now();
  const program = ts.createProgram({ rootNames: [...virtualFiles.keys(), ...examplePrograms], options, host: snippetHost, oldProgram: apiProgram });
  const format = (d: ts.Diagnostic) => ts.flattenDiagnosticMessageText(d.messageText, '\n');
  t.comment(`${virtualFiles.size} snippets and ${examplePrograms.length} example programs type-checked in ${((Date.now() - started) / 1000).toFixed(1)} s (program)`);
  t.ok(virtualFiles.size >= 10, `${virtualFiles.size} snippets found`);

  for (const [file, snippet] of virtualFiles) {
    const source = program.getSourceFile(file)!;
    const errors = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => {
      const line = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line;
      // Line 0 is the prelude; snippet line n is file line n.
      return `${relative(repo, snippet.file)}:${snippet.line + line - 1}: TS${d.code} ${format(d)}`;
    });
    t.same(errors, [], snippet.origin);
  }
  for (const file of examplePrograms) {
    const source = program.getSourceFile(file)!;
    const errors = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map(
      (d) => `${relative(repo, file)}:${d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line + 1}: TS${d.code} ${format(d)}`,
    );
    t.same(errors, [], relative(repo, file));
  }
  t.comment(`type-check took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
