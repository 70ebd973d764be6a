"""Writes the notebooks of test/fixtures/made/ and Jupytext's output for each (run by hand with
Jupytext 1.19 on PYTHONPATH; the tests only read the committed files)."""
import json, os, subprocess, sys

HERE = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'made')
JUPYTEXT = sys.argv[1] if len(sys.argv) > 1 else 'jupytext'

def code(src, **md): return {"cell_type": "code", "execution_count": None, "id": None, "metadata": md, "outputs": [], "source": src}
def markdown(src, **md): return {"cell_type": "markdown", "id": None, "metadata": md, "source": src}
def raw(src, **md): return {"cell_type": "raw", "id": None, "metadata": md, "source": src}

def notebook(cells, language, ext, kernel=None, **jupytext):
    for i, c in enumerate(cells): c["id"] = f"c{i}"
    md = {"kernelspec": {"display_name": language, "language": language, "name": kernel or language.lower()},
          "language_info": {"file_extension": ext, "name": language.lower()}}
    if jupytext: md["jupytext"] = jupytext
    return {"cells": cells, "metadata": md, "nbformat": 4, "nbformat_minor": 5}

PY_SPACING = [
    code("import asyncio"),
    code("async def fetch():\n    await asyncio.sleep(0)\n    return 1"),
    code("x = 1"),
    code("@cache\nasync def cached():\n    return 2"),
    markdown("A paragraph\nof text"),
    code("async with lock:\n    pass"),
    code("class A:\n    pass"),
    code("# a comment\ndef h():\n    pass"),
    markdown("# Heading only"),
    code("y = 2\n\n\nasync def late():\n    pass"),
    code("async for item in queue:\n    print(item)"),
    code("z = 3"),
]
NOTEBOOKS = {
    "pep8_async.py": notebook(PY_SPACING, "python", ".py", "python3"),
    # Markdown cells in triple quotes: their lines are not comments, so they count as code.
    "pep8_quoted_markdown.py": notebook([code("async def f():\n    pass"), markdown("Text after f"), code("def g():\n    pass"), markdown("Text after g")], "python", ".py", "python3", cell_markers='"""'),
    "lang_bash.sh": notebook([markdown("Bash"), code("%env X=1\necho $X"), code("ls -l"), raw("raw text")], "bash", ".sh"),
    "lang_go.go": notebook([markdown("Go with GoNB"), code("%%\nfmt.Println(1)"), code("%% --flag\nfmt.Println(2)"), code("!ls\n%env A=1\nimport \"fmt\""), code("// %%\nx := 1")], "go", ".go", "gonb"),
    "lang_rust.rs": notebook([markdown("Rust"), code(":dep serde = \"1\"\nlet x = 1;"), code("println!(\"{}\", x);")], "rust", ".rs", "rust"),
    "lang_csharp.cs": notebook([markdown("C#"), code("#!csharp\nvar x = 1;"), code("#!fsharp\nlet y = 2"), code("#r \"nuget: X\"\nConsole.WriteLine(x);")], "C#", ".cs", ".net-csharp"),
    "lang_cpp.cpp": notebook([markdown("C++"), code("%%time\nint x = 1;"), code("#include <iostream>\nstd::cout << x;")], "C++17", ".cpp", "xcpp17"),
    "lang_javascript.js": notebook([markdown("JS"), code("%time\nconst x = 1;"), code("console.log(x)")], "javascript", ".js", "javascript"),
    "lang_clojure.clj": notebook([markdown("Clojure"), code("%time (+ 1 2)"), code("(println 1)")], "clojure", ".clj", "clojure"),
    "lang_haskell.hs": notebook([markdown("Haskell"), code(":type 1\n%magic x"), code("let x = 1")], "haskell", ".hs", "haskell"),
    "lang_lua.lua": notebook([markdown("Lua"), code("%time x = 1"), code("print(x)")], "lua", ".lua", "lua"),
    "lang_q.q": notebook([markdown("q"), code("%time x:1"), code("x+1")], "q", ".q", "qpk"),
    "lang_matlab.m": notebook([markdown("Matlab"), code("%matplotlib inline\nx = 1"), code("disp(x)")], "matlab", ".m", "matlab"),
    "lang_logtalk.lgt": notebook([markdown("Logtalk"), code("%%load x.lgt\nfoo."), code("bar.")], "logtalk", ".lgt", "logtalk_kernel"),
    "lang_idl.pro": notebook([markdown("IDL"), code("%time x = 1"), code("print, x")], "IDL", ".pro", "idl"),
    "lang_ocaml.ml": notebook([markdown("OCaml"), code("%time let x = 1"), code("print_int x;;")], "OCaml", ".ml", "ocaml-jupyter"),
    "lang_sas.sas": notebook([markdown("SAS"), code("%let x = 1;\ndata a; run;"), code("proc print; run;")], "sas", ".sas", "sas"),
    "lang_maxima.mac": notebook([markdown("Maxima"), code("%time x: 1;"), code("x + 1;")], "maxima", ".mac", "maxima"),
    "lang_wolfram.wolfram": notebook([markdown("Wolfram"), code("%time x = 1"), code("Print[x]")], "Wolfram Language", ".wolfram", "wolframlanguage"),
    "lang_r.R": notebook([markdown("R"), code("%time x <- 1"), code("!ls\nprint(x)")], "R", ".r", "ir"),
    "lang_julia.jl": notebook([markdown("Julia"), code("%time x = 1"), code("println(x)")], "julia", ".jl", "julia-1.9"),
}

for name, nb in NOTEBOOKS.items():
    stem, ext = os.path.splitext(name)
    path = os.path.join(HERE, 'notebooks', stem + '.ipynb')
    with open(path, 'w') as f:
        json.dump(nb, f, indent=1, sort_keys=True)
        f.write('\n')
    for fmt in ['percent', 'light']:
        out = subprocess.run([JUPYTEXT, '--to', f'{ext[1:]}:{fmt}', path, '-o', '-'], capture_output=True, text=True, check=True).stdout
        out = ''.join(l for l in out.splitlines(True) if 'jupytext_version:' not in l)
        with open(os.path.join(HERE, 'expected', f'{stem}.{fmt}{ext}'), 'w') as f:
            f.write(out)
