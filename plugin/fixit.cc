/* fixit.cc -- fix-it hints: the source edits that make the mechanical
   fixes of a rejected asm statement (a clobber, '=' to '+', '&',
   volatile), so that -fdiagnostics-generate-patch prints a patch.

   GIMPLE keeps only the location of the asm keyword.  The text of the
   statement is read from the file (GCC's file cache), from the keyword
   to its closing parenthesis, and parsed by the analyzer's scanner
   (analyzer/source.c): qualifiers, the template's string literals, the
   operands' constraint literals (the operand expressions are skipped,
   parentheses balanced), the clobbers, the labels.  What was parsed
   must then match the GIMPLE statement exactly: the template and the
   constraints as the front end resolved them (named operands become
   numbers, "+" becomes "=" plus an input), the clobbers, the number of
   labels.  Anything unexpected -- a macro expansion, a macro where a
   string should be, a preprocessor directive or a line continuation
   inside the statement, a prefixed or raw string literal, a position
   GCC cannot name with a location -- and no hint is given at all: the
   warning goes out without one.  A hint is never a guess.  */

#include "plugin.h"

/* sa_line_fn over GCC's file cache; CTX is the file name.  */
static int
get_line (void *ctx, int line, const char **text, size_t *len)
{
  char_span span = location_get_source_line ((const char *) ctx, line);
  if (!span)
    return 0;
  *text = span.get_buffer ();
  *len = span.length ();
  return 1;
}

static const char *
tree_string (tree t)
{
  return t && TREE_CODE (t) == STRING_CST ? TREE_STRING_POINTER (t) : NULL;
}

/* Nonzero if A is the text of STMT, whose constraints were ORIG.  */
static int
match_stmt (const struct sa_src_asm *a, gasm *stmt, const struct safeasm_orig *orig)
{
  unsigned nclob = gimple_asm_nclobbers (stmt), i;
  const char **clob;
  struct sa_src_stmt g;
  int ok;

  if (nclob > SA_SRC_MAX_CLOBBERS)
    return 0;
  clob = XNEWVEC (const char *, nclob + 1);
  for (i = 0; i < nclob; i++)
    clob[i] = tree_string (TREE_VALUE (gimple_asm_clobber_op (stmt, i)));
  g.tmpl = gimple_asm_string (stmt);
  g.basic = gimple_asm_input_p (stmt) != 0;
  g.n_labels = gimple_asm_nlabels (stmt);
  g.constraints = orig->constraints;
  g.n_outputs = orig->nout;
  g.n_inputs = orig->nin;
  g.clobbers = clob;
  g.n_clobbers = nclob;
  ok = sa_src_matches (a, &g);
  XDELETEVEC (clob);
  return ok;
}

/* The location of byte OFF of the source, or UNKNOWN_LOCATION if GCC
   cannot express it exactly.  ANCHOR is the statement's location.  */
static location_t
src_location (const struct sa_src *s, size_t off, location_t anchor)
{
  const line_map *m;
  const line_map_ordinary *ord, *base;
  unsigned idx, used, tries;
  int line_no;
  linenum_type line;
  unsigned col;
  const char *file = (const char *) s->ctx;

  if (!sa_src_position (s, off, &line_no, &col))
    return UNKNOWN_LOCATION;
  line = (linenum_type) line_no;

  m = linemap_lookup (line_table, anchor);
  if (!m || !MAP_ORDINARY_P (m))
    return UNKNOWN_LOCATION;
  ord = linemap_check_ordinary (m);
  base = LINEMAPS_ORDINARY_MAP_AT (line_table, 0);
  idx = (unsigned) (ord - base);
  used = LINEMAPS_ORDINARY_USED (line_table);
  for (tries = 0; idx < used && tries < 64; idx++, tries++)
    {
      const line_map_ordinary *cand = LINEMAPS_ORDINARY_MAP_AT (line_table, idx);
      location_t l;
      expanded_location x;

      if (!LINEMAP_FILE (cand) || strcmp (LINEMAP_FILE (cand), file) != 0)
        continue;
      if (ORDINARY_MAP_STARTING_LINE_NUMBER (cand) > line)
        break;
      l = linemap_position_for_line_and_column (line_table, cand, line, col);
      if (linemap_location_from_macro_expansion_p (line_table, l))
        continue;
      x = expand_location (l);
      if (x.file && strcmp (x.file, file) == 0 && x.line == (int) line
          && x.column == (int) col)
        return l;
    }
  return UNKNOWN_LOCATION;
}

unsigned
safeasm_add_fixits (rich_location *richloc, gasm *stmt,
                    const struct safeasm_orig *orig,
                    const struct safeasm_fixes *fx)
{
  location_t loc = gimple_location (stmt);
  expanded_location x;
  struct sa_src s;
  struct sa_src_asm a;
  struct sa_src_fixes sf;
  struct sa_edits ed;
  const char *clobbers[SAFEASM_MAX_FIX_CLOBBERS];
  location_t *starts = NULL, *finishes = NULL;
  unsigned i, added = 0;
  int ok;

  if (!fx->n || loc == UNKNOWN_LOCATION
      || linemap_location_from_macro_expansion_p (line_table, loc))
    return 0;
  x = expand_location (loc);
  if (!x.file || x.line <= 0 || x.column <= 0)
    return 0;

  memset (&sf, 0, sizeof sf);
  sf.make_volatile = fx->make_volatile;
  sf.inout = fx->inout;
  sf.early = fx->early;
  for (i = 0; i < fx->n_clobbers && i < SAFEASM_MAX_FIX_CLOBBERS; i++)
    clobbers[i] = fx->clobbers[i];
  sf.clobbers = clobbers;
  sf.n_clobbers = i;

  sa_src_init (&s, get_line, CONST_CAST (char *, x.file), x.line);
  memset (&ed, 0, sizeof ed);
  ok = sa_src_parse (&s, (size_t) x.column, &a)
       && match_stmt (&a, stmt, orig)
       && sa_src_edits (&ed, &a, &sf) > 0;
  if (ok)
    {
      starts = XNEWVEC (location_t, ed.n);
      finishes = XNEWVEC (location_t, ed.n);
      for (i = 0; i < ed.n && ok; i++)
        {
          starts[i] = src_location (&s, ed.e[i].off, loc);
          finishes[i] = ed.e[i].len
                        ? src_location (&s, ed.e[i].off + ed.e[i].len - 1, loc)
                        : starts[i];
          if (starts[i] == UNKNOWN_LOCATION || finishes[i] == UNKNOWN_LOCATION)
            ok = 0;
        }
    }
  if (ok)
    {
      for (i = 0; i < ed.n; i++)
        {
          if (ed.e[i].len)
            {
              source_range r;
              r.m_start = starts[i];
              r.m_finish = finishes[i];
              richloc->add_fixit_replace (r, ed.e[i].text);
            }
          else
            richloc->add_fixit_insert_before (starts[i], ed.e[i].text);
        }
      added = richloc->seen_impossible_fixit_p () ? 0 : ed.n;
    }
  XDELETEVEC (starts);
  XDELETEVEC (finishes);
  sa_edits_free (&ed);
  sa_src_asm_free (&a);
  sa_src_free (&s);
  return added;
}
