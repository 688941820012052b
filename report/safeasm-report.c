/* safeasm-report.c -- summarise safeasm JSON Lines reports, list the
   rejected statements, and convert the reports to SARIF 2.1.0.

   The reports come from many compilers appending to one file, so a
   line may be cut short (a crash, a full disk) or be junk: such a line
   is reported on stderr, counted, and skipped; when a complete record
   follows the junk on the same line it is recovered.  Every record is
   checked for the fields the tool uses before it is counted.

   Output is deterministic whatever order the records come in: tables
   are sorted, and the rejected statements are listed by location, each
   once with the number of records that name it (a header compiled by
   several translation units gives several identical records).  */

#define _POSIX_C_SOURCE 200809L

#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "safeasm.h"

#define SARIF_SCHEMA_URI \
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

/* At most this many malformed-record warnings on stderr (and entries
   kept for --json and SARIF); the count is always exact.  */
#define MAX_MALFORMED_SHOWN 1000
/* Candidates tried when looking for a record after junk on one line.  */
#define MAX_RECOVERY_TRIES 8

static const char *progname = "safeasm-report";

/* ---------------------------------------------------------------- */
/* Memory and strings.                                              */

static void
die_nomem (void)
{
  fprintf (stderr, "%s: out of memory\n", progname);
  exit (2);
}

static void *
xmalloc (size_t n)
{
  void *p = malloc (n ? n : 1);
  if (!p)
    die_nomem ();
  return p;
}

static void *
xrealloc (void *p, size_t n)
{
  p = realloc (p, n ? n : 1);
  if (!p)
    die_nomem ();
  return p;
}

static void *
xgrow (void *p, size_t *cap, size_t need, size_t elt)
{
  if (need <= *cap)
    return p;
  size_t c = *cap ? *cap : 16;
  while (c < need)
    {
      if (c > SIZE_MAX / 2 / elt)
        die_nomem ();
      c *= 2;
    }
  *cap = c;
  return xrealloc (p, c * elt);
}

static char *
xstrndup (const char *s, size_t n)
{
  char *d = xmalloc (n + 1);
  memcpy (d, s, n);
  d[n] = '\0';
  return d;
}

static char *
xstrdup (const char *s)
{
  return xstrndup (s, strlen (s));
}

/* A growable string.  */
struct str {
  char *p;
  size_t len, cap;
};

static void
str_addn (struct str *s, const char *t, size_t n)
{
  s->p = xgrow (s->p, &s->cap, s->len + n + 1, 1);
  memcpy (s->p + s->len, t, n);
  s->len += n;
  s->p[s->len] = '\0';
}

static void
str_add (struct str *s, const char *t)
{
  str_addn (s, t, strlen (t));
}

static void
str_addf (struct str *s, const char *fmt, ...)
{
  char tmp[64];
  va_list ap;
  va_start (ap, fmt);
  int n = vsnprintf (tmp, sizeof tmp, fmt, ap);
  va_end (ap);
  if (n > 0)
    str_addn (s, tmp, (size_t) n < sizeof tmp ? (size_t) n : sizeof tmp - 1);
}

/* ---------------------------------------------------------------- */
/* A hash map from strings to pointers; keys are copied.            */

struct map_entry {
  char *key;
  size_t hash;
  void *val;
};

struct map {
  struct map_entry *tab;
  size_t n, cap;                /* cap: 0 or a power of two */
};

static size_t
hash_str (const char *s)
{
  size_t h = 1469598103934665603u;
  for (; *s; s++)
    h = (h ^ (unsigned char) *s) * 1099511628211u;
  return h;
}

static struct map_entry *
map_slot (struct map *m, const char *key, size_t h)
{
  size_t i = h & (m->cap - 1);
  while (m->tab[i].key && (m->tab[i].hash != h || strcmp (m->tab[i].key, key)))
    i = (i + 1) & (m->cap - 1);
  return &m->tab[i];
}

/* The entry for KEY, created (with a NULL value) if it is new.  */
static struct map_entry *
map_get (struct map *m, const char *key)
{
  size_t h = hash_str (key);
  struct map_entry *e;

  if (m->cap == 0 || (m->n + 1) * 4 > m->cap * 3)
    {
      struct map old = *m;
      m->cap = old.cap ? old.cap * 2 : 64;
      m->tab = xmalloc (m->cap * sizeof *m->tab);
      memset (m->tab, 0, m->cap * sizeof *m->tab);
      for (size_t i = 0; i < old.cap; i++)
        if (old.tab[i].key)
          *map_slot (m, old.tab[i].key, old.tab[i].hash) = old.tab[i];
      free (old.tab);
    }
  e = map_slot (m, key, h);
  if (!e->key)
    {
      e->key = xstrdup (key);
      e->hash = h;
      e->val = NULL;
      m->n++;
    }
  return e;
}

/* One copy of each distinct string.  */
static struct map interned;

static const char *
intern (const char *s)
{
  return map_get (&interned, s)->key;
}

/* ---------------------------------------------------------------- */
/* What is collected.                                               */

struct counts {
  unsigned long stmts, accepted, repaired, rejected, unchecked, notes;
};

struct group {
  const char *name;
  struct counts c;              /* tables by package, file, verdict */
  unsigned long total, main;    /* tables by code and instruction */
};

struct reason {
  const char *code, *message, *insn;
  unsigned long line;
};

/* A record that has something to show (reasons or notes), kept once
   per distinct content.  */
struct rec {
  const char *package;          /* "-" when the record has none */
  const char *file;             /* as recorded */
  const char *cwd;              /* NULL when the record has none */
  const char *path;             /* FILE made absolute with CWD when it can be */
  const char *function;         /* NULL: none (top-level asm) */
  const char *verdict, *action;
  unsigned long line, column;
  struct reason *reasons, *notes;
  size_t n_reasons, n_notes;
  const char *repairs;          /* "; "-joined, or NULL */
  unsigned long times;          /* records with this content */
};

struct malformed {
  const char *report;
  unsigned long line;
  const char *why;
};

static struct counts totals;
static struct map by_package, by_file, by_code, by_insn, by_verdict;
static struct map rec_index;    /* content key -> struct rec */
static struct rec **recs;
static size_t n_recs, cap_recs;
static struct malformed *bad;
static size_t n_bad, cap_bad;
static unsigned long n_malformed, n_recovered, n_reports;

static struct group *
group (struct map *m, const char *name)
{
  struct map_entry *e = map_get (m, name);
  if (!e->val)
    {
      struct group *g = xmalloc (sizeof *g);
      memset (g, 0, sizeof *g);
      g->name = e->key;
      e->val = g;
    }
  return e->val;
}

/* ---------------------------------------------------------------- */
/* Paths.                                                           */

/* FILE as an absolute path when CWD makes it one; "./" prefixes and
   doubled slashes are removed, ".." is kept (symbolic links).  */
static char *
resolve_path (const char *file, const char *cwd)
{
  struct str s = { 0 };
  const char *f = file;

  if (f[0] != '/' && cwd && cwd[0] == '/')
    {
      str_add (&s, cwd);
      while (f[0] == '.' && f[1] == '/')
        {
          f += 2;
          while (*f == '/')
            f++;
        }
      if (s.len == 0 || s.p[s.len - 1] != '/')
        str_addn (&s, "/", 1);
    }
  for (; *f; f++)
    {
      if (*f == '/' && s.len && s.p[s.len - 1] == '/')
        continue;
      if (*f == '/' && f[1] == '.' && f[2] == '/')
        {
          f++;
          continue;
        }
      str_addn (&s, f, 1);
    }
  if (!s.p)
    str_add (&s, "");
  return s.p;
}

/* PATH with "." and ".." segments resolved lexically (for --srcroot).  */
static char *
normalize_path (const char *path)
{
  size_t n = strlen (path);
  char *out = xmalloc (n + 2), *o = out;
  const char *p = path;

  if (*p == '/')
    *o++ = '/';
  while (*p)
    {
      const char *seg;
      size_t len;
      while (*p == '/')
        p++;
      seg = p;
      while (*p && *p != '/')
        p++;
      len = (size_t) (p - seg);
      if (len == 0 || (len == 1 && seg[0] == '.'))
        continue;
      if (len == 2 && seg[0] == '.' && seg[1] == '.' && o > out + 1)
        {
          o--;                  /* the slash after the last segment */
          while (o > out && o[-1] != '/')
            o--;
          continue;
        }
      memcpy (o, seg, len);
      o += len;
      *o++ = '/';
    }
  if (o > out + 1 && o[-1] == '/')
    o--;
  *o = '\0';
  return out;
}

/* ---------------------------------------------------------------- */
/* Reading records.                                                 */

static int
get_string (const struct json *o, const char *key, const char **out,
            int optional, int nullable, const char **why)
{
  const struct json *v = json_get (o, key);
  if (!v)
    {
      if (optional)
        {
          *out = NULL;
          return 1;
        }
      *why = key;
      return 0;
    }
  if (v->type == JSON_NULL && nullable)
    {
      *out = NULL;
      return 1;
    }
  if (v->type != JSON_STRING || strlen (v->str) != v->len)
    {
      *why = key;
      return 0;
    }
  *out = v->str;
  return 1;
}

static int
get_uint (const struct json *o, const char *key, unsigned long *out,
          int optional, const char **why)
{
  const struct json *v = json_get (o, key);
  if (!v && optional)
    {
      *out = 0;
      return 1;
    }
  if (!v || v->type != JSON_NUMBER || !v->is_uint || v->uval > UINT_MAX)
    {
      *why = key;
      return 0;
    }
  *out = (unsigned long) v->uval;
  return 1;
}

static int
get_reasons (const struct json *o, const char *key, struct reason **out,
             size_t *n, const char **why)
{
  const struct json *v = json_get (o, key);
  size_t i;

  *out = NULL;
  *n = 0;
  if (!v || v->type != JSON_ARRAY)
    {
      *why = key;
      return 0;
    }
  if (v->n == 0)
    return 1;
  *out = xmalloc (v->n * sizeof **out);
  for (i = 0; i < v->n; i++)
    {
      const struct json *r = v->items[i];
      struct reason *d = &(*out)[i];
      if (r->type != JSON_OBJECT
          || !get_string (r, "code", &d->code, 0, 0, why)
          || !get_string (r, "message", &d->message, 0, 0, why)
          || !get_string (r, "insn", &d->insn, 1, 0, why)
          || !get_uint (r, "line", &d->line, 1, why)
          || d->code[0] == '\0')
        {
          *why = key;
          free (*out);
          *out = NULL;
          return 0;
        }
      d->code = intern (d->code);
      d->message = intern (d->message);
      d->insn = intern (d->insn ? d->insn : "");
    }
  *n = v->n;
  return 1;
}

/* The instruction's mnemonic from a template statement: the first
   word, lower-cased, with a prefix word kept with the next one ("lock
   cmpxchgl"); labels and {pseudo-prefixes} are skipped.  "" if none.  */
static void
mnemonic (const char *insn, char *out, size_t len)
{
  static const char *const prefixes[] = {
    "lock", "rep", "repe", "repz", "repne", "repnz", "data16", "data32",
    "addr16", "addr32", "notrack", "xacquire", "xrelease", "bnd", "rex",
    "rex64", "cs", "ds", "es", "fs", "gs", "ss", NULL
  };
  const char *p = insn;
  size_t o = 0;
  int words = 0;

  out[0] = '\0';
  while (*p && o + 1 < len)
    {
      const char *w;
      size_t n, i;
      int prefix = 0;

      while (*p == ' ' || *p == '\t')
        p++;
      w = p;
      while (*p && *p != ' ' && *p != '\t')
        p++;
      n = (size_t) (p - w);
      if (n == 0)
        break;
      if (w[0] == '{' || w[n - 1] == ':')
        continue;               /* {vex}, {disp32}, a label */
      if (words)
        out[o++] = ' ';
      for (i = 0; i < n && o + 1 < len; i++)
        {
          char c = w[i];
          out[o++] = (char) (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
      out[o] = '\0';
      words++;
      for (i = 0; prefixes[i]; i++)
        if (strlen (prefixes[i]) == n && strcmp (out + o - n, prefixes[i]) == 0)
          prefix = 1;
      if (!prefix || words >= 3)
        break;
    }
  out[o] = '\0';
}

/* The content key of a record, for de-duplication.  */
static char *
rec_key (const struct rec *r)
{
  struct str s = { 0 };
  size_t i;

  str_add (&s, r->package);
  str_addn (&s, "\x1f", 1);
  str_add (&s, r->path);
  str_addf (&s, "\x1f%lu\x1f%lu\x1f", r->line, r->column);
  str_add (&s, r->function ? r->function : "\x1e");
  str_addn (&s, "\x1f", 1);
  str_add (&s, r->verdict);
  str_addn (&s, "\x1f", 1);
  str_add (&s, r->action);
  for (i = 0; i < r->n_reasons; i++)
    {
      str_addn (&s, "\x1dr", 2);
      str_add (&s, r->reasons[i].code);
      str_addn (&s, "\x1f", 1);
      str_add (&s, r->reasons[i].message);
    }
  for (i = 0; i < r->n_notes; i++)
    {
      str_addn (&s, "\x1dn", 2);
      str_add (&s, r->notes[i].code);
      str_addn (&s, "\x1f", 1);
      str_add (&s, r->notes[i].message);
    }
  if (r->repairs)
    {
      str_addn (&s, "\x1d", 1);
      str_add (&s, r->repairs);
    }
  return s.p;
}

static void
count_into (struct counts *c, const char *verdict, const char *action,
            size_t n_notes)
{
  c->stmts++;
  if (strcmp (verdict, "accept") == 0)
    {
      c->accepted++;
      if (action && strcmp (action, "repaired") == 0)
        c->repaired++;
    }
  else if (strcmp (verdict, "reject") == 0)
    c->rejected++;
  else
    c->unchecked++;
  c->notes += n_notes;
}

/* Check and take in the record O.  Returns 0 and the missing or bad
   field in *WHY when O is not a safeasm record.  */
static int
take_record (const struct json *o, const char **why)
{
  struct rec r;
  const char *package, *cwd, *repairs_field = NULL;
  struct reason *reasons = NULL, *notes = NULL;
  size_t n_reasons = 0, n_notes = 0, i, j;
  const struct json *rep;
  struct str repairs = { 0 };

  memset (&r, 0, sizeof r);
  if (o->type != JSON_OBJECT)
    {
      *why = "not a JSON object";
      return 0;
    }
  if (!get_string (o, "file", &r.file, 0, 0, why)
      || !get_uint (o, "line", &r.line, 0, why)
      || !get_uint (o, "column", &r.column, 0, why)
      || !get_string (o, "verdict", &r.verdict, 0, 0, why)
      || !get_string (o, "function", &r.function, 1, 1, why)
      || !get_string (o, "action", &r.action, 1, 0, why)
      || !get_string (o, "package", &package, 1, 0, why)
      || !get_string (o, "cwd", &cwd, 1, 0, why))
    return 0;
  if (strcmp (r.verdict, "accept") && strcmp (r.verdict, "reject")
      && strcmp (r.verdict, "unchecked"))
    {
      *why = "verdict";
      return 0;
    }
  rep = json_get (o, "repairs");
  if (rep)
    {
      if (rep->type != JSON_ARRAY)
        {
          *why = "repairs";
          return 0;
        }
      for (i = 0; i < rep->n; i++)
        {
          if (rep->items[i]->type != JSON_STRING
              || strlen (rep->items[i]->str) != rep->items[i]->len)
            {
              free (repairs.p);
              *why = "repairs";
              return 0;
            }
          if (i)
            str_add (&repairs, "; ");
          str_add (&repairs, rep->items[i]->str);
        }
      if (repairs.p)
        repairs_field = intern (repairs.p);
      free (repairs.p);
    }
  if (!get_reasons (o, "reasons", &reasons, &n_reasons, why))
    return 0;
  if (!get_reasons (o, "notes", &notes, &n_notes, why))
    {
      free (reasons);
      return 0;
    }

  /* A valid record: count it.  */
  r.package = intern (package && package[0] ? package : "-");
  r.file = intern (r.file);
  r.cwd = cwd && cwd[0] ? intern (cwd) : NULL;
  {
    char *p = resolve_path (r.file, r.cwd);
    r.path = intern (p);
    free (p);
  }
  r.function = r.function ? intern (r.function) : NULL;
  r.verdict = intern (r.verdict);
  r.action = intern (r.action ? r.action : "");
  r.repairs = repairs_field;

  count_into (&totals, r.verdict, r.action, n_notes);
  count_into (&group (&by_package, r.package)->c, r.verdict, r.action, n_notes);
  count_into (&group (&by_file, r.path)->c, r.verdict, r.action, n_notes);
  {
    struct str v = { 0 };
    str_add (&v, r.verdict);
    if (r.action[0])
      {
        str_add (&v, " (");
        str_add (&v, r.action);
        str_add (&v, ")");
      }
    count_into (&group (&by_verdict, v.p)->c, r.verdict, r.action, n_notes);
    free (v.p);
  }

  /* Codes and instructions: each counted once per record.  */
  for (i = 0; i < n_reasons + n_notes; i++)
    {
      const struct reason *x = i < n_reasons ? &reasons[i] : &notes[i - n_reasons];
      char m[64];
      int seen = 0;
      for (j = 0; j < i; j++)
        {
          const struct reason *y = j < n_reasons ? &reasons[j] : &notes[j - n_reasons];
          if (y->code == x->code)
            seen = 1;
        }
      if (!seen)
        {
          struct group *g = group (&by_code, x->code);
          g->total++;
          if (i == 0 && n_reasons)
            g->main++;
        }
      mnemonic (x->insn, m, sizeof m);
      if (!m[0])
        continue;
      seen = 0;
      for (j = 0; j < i && !seen; j++)
        {
          const struct reason *y = j < n_reasons ? &reasons[j] : &notes[j - n_reasons];
          char m2[64];
          mnemonic (y->insn, m2, sizeof m2);
          seen = strcmp (m, m2) == 0;
        }
      if (!seen)
        {
          struct group *g = group (&by_insn, m);
          g->total++;
          if (i == 0 && n_reasons)
            g->main++;
        }
    }

  /* Kept for the list and for SARIF only when it has something to
     say; identical records are kept once.  */
  if (n_reasons + n_notes == 0)
    return 1;
  r.reasons = reasons;
  r.n_reasons = n_reasons;
  r.notes = notes;
  r.n_notes = n_notes;
  {
    char *key = rec_key (&r);
    struct map_entry *e = map_get (&rec_index, key);
    free (key);
    if (e->val)
      {
        ((struct rec *) e->val)->times++;
        free (reasons);
        free (notes);
        return 1;
      }
    r.times = 1;
    e->val = xmalloc (sizeof r);
    memcpy (e->val, &r, sizeof r);
    recs = xgrow (recs, &cap_recs, n_recs + 1, sizeof *recs);
    recs[n_recs++] = e->val;
  }
  return 1;
}

/* Print the text of S for a reader on one line: valid UTF-8 is kept,
   control characters and other bytes become \xNN.  */
/* The UTF-8 sequence at *S (a byte >= 0x80), if valid: written to F,
   *S left on its last byte, and 1; else 0.  */
static int
put_utf8 (FILE *f, const unsigned char **s)
{
  size_t k = 1;
  while (k < 4 && ((*s)[k] & 0xc0) == 0x80)
    k++;
  if (!json_utf8_valid ((const char *) *s, k))
    return 0;
  fwrite (*s, 1, k, f);
  *s += k - 1;
  return 1;
}

static void
put_text (FILE *f, const char *str)
{
  const unsigned char *s = (const unsigned char *) str;
  for (; *s; s++)
    {
      if (*s >= 0x20 && *s != 0x7f)
        {
          /* Bytes >= 0x80: checked below as a whole sequence.  */
          if (*s < 0x80)
            {
              putc (*s, f);
              continue;
            }
          if (put_utf8 (f, &s))
            continue;
        }
      fprintf (f, "\\x%02x", *s);
    }
}

static void
malformed (const char *report, unsigned long line, const char *why,
           int recovered)
{
  n_malformed++;
  if (n_malformed <= MAX_MALFORMED_SHOWN)
    {
      put_text (stderr, report);
      fprintf (stderr, ":%lu: malformed record skipped (", line);
      put_text (stderr, why);
      fprintf (stderr, "%s)\n", recovered ? "; a record after it on the line was kept" : "");
      bad = xgrow (bad, &cap_bad, n_bad + 1, sizeof *bad);
      bad[n_bad].report = intern (report);
      bad[n_bad].line = line;
      bad[n_bad].why = intern (why);
      n_bad++;
    }
  else if (n_malformed == MAX_MALFORMED_SHOWN + 1)
    {
      put_text (stderr, report);
      fprintf (stderr, ":%lu: more malformed records; only the first %d are shown\n",
               line, MAX_MALFORMED_SHOWN);
    }
}

/* Parse TEXT (LEN bytes) as a record.  Returns 1 if it was one; else
   0 with the reason in WHY.  */
static int
try_record (const char *text, size_t len, char *why, size_t whylen)
{
  struct json_arena arena;
  struct json *j;
  char err[160];
  size_t pos = 0;
  const char *field = NULL;
  int ok = 0;

  json_arena_init (&arena);
  j = json_parse (&arena, text, len, err, sizeof err, &pos);
  if (!j)
    snprintf (why, whylen, "not JSON: %s at byte %zu", err, pos + 1);
  else if (!take_record (j, &field))
    {
      if (j->type != JSON_OBJECT)
        snprintf (why, whylen, "not a JSON object");
      else if (!json_get (j, field))
        snprintf (why, whylen, "no \"%s\" field", field);
      else
        snprintf (why, whylen, "bad \"%s\" field", field);
    }
  else
    ok = 1;
  json_arena_free (&arena);
  return ok;
}

static void
take_line (const char *report, unsigned long lineno, const char *line, size_t len)
{
  char why[256], why2[256];
  size_t i;
  int tries = 0;

  for (i = 0; i < len; i++)
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
      break;
  if (i == len)
    return;                     /* a blank line is no record */
  if (try_record (line, len, why, sizeof why))
    return;
  /* A record cut short by a crash may be followed by a whole one on
     the same line: look for one.  */
  for (i = 1; i + 8 <= len && tries < MAX_RECOVERY_TRIES; i++)
    if (memcmp (line + i, "{\"file\":", 8) == 0)
      {
        tries++;
        if (try_record (line + i, len - i, why2, sizeof why2))
          {
            n_recovered++;
            malformed (report, lineno, why, 1);
            return;
          }
      }
  malformed (report, lineno, why, 0);
}

/* Read the report PATH ("-": stdin).  0 on success, -1 on an I/O
   error (reported).  */
static int
read_report (const char *path)
{
  FILE *f;
  const char *name = path;
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  unsigned long lineno = 0;
  int rc = 0;

  if (strcmp (path, "-") == 0)
    {
      f = stdin;
      name = "<stdin>";
    }
  else
    {
      f = fopen (path, "r");
      if (!f)
        {
          fprintf (stderr, "%s: cannot open ", progname);
          put_text (stderr, path);
          fprintf (stderr, ": %s\n", strerror (errno));
          return -1;
        }
    }
  n_reports++;
  errno = 0;
  while ((n = getline (&line, &cap, f)) >= 0)
    {
      size_t len = (size_t) n;
      lineno++;
      if (len && line[len - 1] == '\n')
        len--;
      take_line (name, lineno, line, len);
      errno = 0;
    }
  if (ferror (f))
    {
      fprintf (stderr, "%s: error reading ", progname);
      put_text (stderr, name);
      fprintf (stderr, ": %s\n", strerror (errno ? errno : EIO));
      rc = -1;
    }
  free (line);
  if (f != stdin)
    fclose (f);
  else
    clearerr (stdin);
  return rc;
}

/* ---------------------------------------------------------------- */
/* Sorting.                                                         */

static struct group **
sorted_groups (const struct map *m, int (*cmp) (const void *, const void *))
{
  struct group **v = xmalloc ((m->n + 1) * sizeof *v);
  size_t k = 0;
  for (size_t i = 0; i < m->cap; i++)
    if (m->tab[i].key)
      v[k++] = m->tab[i].val;
  v[k] = NULL;
  qsort (v, k, sizeof *v, cmp);
  return v;
}

static int
by_name (const void *a, const void *b)
{
  const struct group *x = *(struct group *const *) a, *y = *(struct group *const *) b;
  return strcmp (x->name, y->name);
}

static int
by_count (const void *a, const void *b)
{
  const struct group *x = *(struct group *const *) a, *y = *(struct group *const *) b;
  if (x->total != y->total)
    return x->total > y->total ? -1 : 1;
  if (x->main != y->main)
    return x->main > y->main ? -1 : 1;
  return strcmp (x->name, y->name);
}

static int
verdict_rank (const char *v)
{
  return strcmp (v, "reject") == 0 ? 0 : strcmp (v, "unchecked") == 0 ? 1 : 2;
}

static int
rec_cmp (const void *a, const void *b)
{
  const struct rec *x = *(struct rec *const *) a, *y = *(struct rec *const *) b;
  int c = strcmp (x->path, y->path);
  if (c)
    return c;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  if (x->column != y->column)
    return x->column < y->column ? -1 : 1;
  if ((c = verdict_rank (x->verdict) - verdict_rank (y->verdict)) != 0)
    return c;
  if ((c = strcmp (x->package, y->package)) != 0)
    return c;
  if (x->n_reasons && y->n_reasons
      && (c = strcmp (x->reasons[0].code, y->reasons[0].code)) != 0)
    return c;
  if (x->n_reasons != y->n_reasons)
    return x->n_reasons < y->n_reasons ? 1 : -1;
  if ((c = strcmp (x->function ? x->function : "", y->function ? y->function : "")) != 0)
    return c;
  char *kx = rec_key (x), *ky = rec_key (y);
  c = strcmp (kx, ky);
  free (kx);
  free (ky);
  return c;
}

/* ---------------------------------------------------------------- */
/* Text output.                                                     */

enum { SEC_PACKAGE = 1, SEC_FILE = 2, SEC_CODE = 4, SEC_INSN = 8,
       SEC_VERDICT = 16, SEC_REJECTED = 32, SEC_ALL = 63 };

/* Print a table: NCOLS columns, the first left-aligned; CELLS holds
   the header row then NROWS rows.  */
static void
print_table (FILE *f, size_t ncols, size_t nrows, char **cells)
{
  size_t w[8] = { 0 };
  for (size_t r = 0; r <= nrows; r++)
    for (size_t c = 0; c < ncols; c++)
      {
        size_t l = strlen (cells[r * ncols + c]);
        if (l > w[c])
          w[c] = l;
      }
  for (size_t r = 0; r <= nrows; r++)
    {
      fputs ("  ", f);
      for (size_t c = 0; c < ncols; c++)
        {
          const char *s = cells[r * ncols + c];
          if (c == 0)
            {
              put_text (f, s);
              if (ncols > 1)
                fprintf (f, "%*s", (int) (w[0] - strlen (s)), "");
            }
          else
            fprintf (f, "  %*s", (int) w[c], s);
        }
      putc ('\n', f);
    }
}

static char *
fmt_ul (unsigned long v)
{
  char tmp[32];
  snprintf (tmp, sizeof tmp, "%lu", v);
  return xstrdup (tmp);
}

/* A table of counts; BRIEF: only statements and notes (by verdict).  */
static void
print_counts_table (FILE *f, const char *title, const char *first,
                    const struct map *m, int brief)
{
  struct group **g = sorted_groups (m, by_name);
  size_t n = m->n, k = 0, ncols = brief ? 3 : 7;
  char **cells = xmalloc ((n + 1) * 7 * sizeof *cells);
  static const char *const head[] = { NULL, "statements", "accepted",
    "repaired", "rejected", "unchecked", "notes" };

  fprintf (f, "\n%s:\n", title);
  cells[k++] = xstrdup (first);
  for (size_t c = 1; c < 7; c++)
    if (!brief || c == 1 || c == 6)
      cells[k++] = xstrdup (head[c]);
  for (size_t i = 0; i < n; i++)
    {
      const struct counts *c = &g[i]->c;
      cells[k++] = xstrdup (g[i]->name);
      cells[k++] = fmt_ul (c->stmts);
      if (!brief)
        {
          cells[k++] = fmt_ul (c->accepted);
          cells[k++] = fmt_ul (c->repaired);
          cells[k++] = fmt_ul (c->rejected);
          cells[k++] = fmt_ul (c->unchecked);
        }
      cells[k++] = fmt_ul (c->notes);
    }
  print_table (f, ncols, n, cells);
  for (size_t i = 0; i < k; i++)
    free (cells[i]);
  free (cells);
  free (g);
}

static void
print_rank_table (FILE *f, const char *title, const char *first,
                  const struct map *m)
{
  struct group **g = sorted_groups (m, by_count);
  size_t n = m->n, k = 0;
  char **cells = xmalloc ((n + 1) * 3 * sizeof *cells);

  fprintf (f, "\n%s:\n", title);
  if (n == 0)
    {
      fputs ("  (none)\n", f);
      free (cells);
      free (g);
      return;
    }
  cells[k++] = xstrdup (first);
  cells[k++] = xstrdup ("statements");
  cells[k++] = xstrdup ("main");
  for (size_t i = 0; i < n; i++)
    {
      cells[k++] = xstrdup (g[i]->name);
      cells[k++] = fmt_ul (g[i]->total);
      cells[k++] = fmt_ul (g[i]->main);
    }
  print_table (f, 3, n, cells);
  for (size_t i = 0; i < k; i++)
    free (cells[i]);
  free (cells);
  free (g);
}

static unsigned long
count_distinct_rejected (unsigned long *records)
{
  unsigned long n = 0;
  *records = 0;
  for (size_t i = 0; i < n_recs; i++)
    if (strcmp (recs[i]->verdict, "reject") == 0)
      {
        n++;
        *records += recs[i]->times;
      }
  return n;
}

static void
print_location (FILE *f, const struct rec *r)
{
  put_text (f, r->path);
  if (r->line)
    fprintf (f, ":%lu", r->line);
  if (r->line && r->column)
    fprintf (f, ":%lu", r->column);
}

/* "    LABEL [code] message" for each of the N reasons at R.  */
static void
put_reason_lines (FILE *f, const char *label, const struct reason *r, size_t n)
{
  for (size_t j = 0; j < n; j++)
    {
      fprintf (f, "    %s [", label);
      put_text (f, r[j].code);
      fputs ("] ", f);
      put_text (f, r[j].message);
      putc ('\n', f);
    }
}

static void
print_rejected (FILE *f)
{
  unsigned long records, n = count_distinct_rejected (&records);

  fprintf (f, "\nRejected statements (%lu", n);
  if (records != n)
    fprintf (f, " distinct, in %lu records", records);
  fputs ("):\n", f);
  if (n == 0)
    fputs ("  (none)\n", f);
  for (size_t i = 0; i < n_recs; i++)
    {
      const struct rec *r = recs[i];
      if (strcmp (r->verdict, "reject") != 0)
        continue;
      print_location (f, r);
      if (r->n_reasons)
        {
          fputs (": [", f);
          put_text (f, r->reasons[0].code);
          fputs ("] ", f);
          put_text (f, r->reasons[0].message);
        }
      putc ('\n', f);
      fputs ("    in ", f);
      put_text (f, r->function ? r->function : "(top level)");
      fputs ("; package ", f);
      put_text (f, r->package);
      if (r->action[0])
        {
          fputs ("; ", f);
          put_text (f, r->action);
        }
      if (r->times > 1)
        fprintf (f, "; %lu records", r->times);
      putc ('\n', f);
      put_reason_lines (f, "also", r->reasons + 1, r->n_reasons ? r->n_reasons - 1 : 0);
      put_reason_lines (f, "note", r->notes, r->n_notes);
    }
}

static void
print_text (FILE *f, unsigned sections)
{
  fprintf (f, "safeasm report: %lu report%s, %lu records",
           n_reports, n_reports == 1 ? "" : "s", totals.stmts);
  if (n_malformed)
    fprintf (f, ", %lu malformed line%s skipped", n_malformed,
             n_malformed == 1 ? "" : "s");
  fputs ("\n\nTotals:\n", f);
  fprintf (f, "  statements  %lu\n", totals.stmts);
  fprintf (f, "  accepted    %lu", totals.accepted);
  if (totals.repaired)
    fprintf (f, " (%lu repaired)", totals.repaired);
  fprintf (f, "\n  rejected    %lu\n", totals.rejected);
  fprintf (f, "  unchecked   %lu\n", totals.unchecked);
  fprintf (f, "  notes       %lu\n", totals.notes);
  fprintf (f, "  malformed   %lu\n", n_malformed);

  if (sections & SEC_VERDICT)
    print_counts_table (f, "By verdict", "verdict (action)", &by_verdict, 1);
  if (sections & SEC_PACKAGE)
    print_counts_table (f, "By package", "package", &by_package, 0);
  if (sections & SEC_FILE)
    print_counts_table (f, "By file", "file", &by_file, 0);
  if (sections & SEC_CODE)
    print_rank_table (f, "By reason code", "code", &by_code);
  if (sections & SEC_INSN)
    print_rank_table (f, "By instruction", "instruction", &by_insn);
  if (sections & SEC_REJECTED)
    print_rejected (f);
}

/* ---------------------------------------------------------------- */
/* JSON output (--json and SARIF).                                  */

/* S as a JSON string; bytes that are not UTF-8 become \u00XX.  */
static void
put_json (FILE *f, const char *str)
{
  const unsigned char *s = (const unsigned char *) str;

  if (!s)
    {
      fputs ("null", f);
      return;
    }
  putc ('"', f);
  for (; *s; s++)
    {
      unsigned c = *s;
      if (c == '"' || c == '\\')
        fprintf (f, "\\%c", c);
      else if (c == '\n')
        fputs ("\\n", f);
      else if (c == '\t')
        fputs ("\\t", f);
      else if (c == '\r')
        fputs ("\\r", f);
      else if (c < 0x20 || c == 0x7f)
        fprintf (f, "\\u%04x", c);
      else if (c < 0x80)
        putc (c, f);
      else
        {
          if (!put_utf8 (f, &s))
            fprintf (f, "\\u%04x", c);
        }
    }
  putc ('"', f);
}

static void
put_counts_json (FILE *f, const struct counts *c)
{
  fprintf (f, "\"statements\":%lu,\"accepted\":%lu,\"repaired\":%lu,"
           "\"rejected\":%lu,\"unchecked\":%lu,\"notes\":%lu",
           c->stmts, c->accepted, c->repaired, c->rejected, c->unchecked,
           c->notes);
}

static void
put_groups_json (FILE *f, const char *key, const struct map *m, int counts)
{
  struct group **g = sorted_groups (m, counts ? by_name : by_count);
  fprintf (f, ",\n  \"%s\": [", key);
  for (size_t i = 0; i < m->n; i++)
    {
      fputs (i ? ",\n    {\"name\":" : "\n    {\"name\":", f);
      put_json (f, g[i]->name);
      putc (',', f);
      if (counts)
        put_counts_json (f, &g[i]->c);
      else
        fprintf (f, "\"statements\":%lu,\"main\":%lu", g[i]->total, g[i]->main);
      putc ('}', f);
    }
  fputs (m->n ? "\n  ]" : "]", f);
  free (g);
}

static void
put_reasons_json (FILE *f, const struct reason *r, size_t n)
{
  putc ('[', f);
  for (size_t i = 0; i < n; i++)
    {
      fputs (i ? ",{\"code\":" : "{\"code\":", f);
      put_json (f, r[i].code);
      fputs (",\"message\":", f);
      put_json (f, r[i].message);
      fputs (",\"insn\":", f);
      put_json (f, r[i].insn);
      fprintf (f, ",\"line\":%lu}", r[i].line);
    }
  putc (']', f);
}

static void
print_json (FILE *f)
{
  unsigned long records, n = count_distinct_rejected (&records);
  int first = 1;

  fprintf (f, "{\n  \"tool\": \"safeasm-report\",\n  \"version\": \"%s\",\n",
           PACKAGE_VERSION);
  fprintf (f, "  \"reports\": %lu,\n  \"malformed\": %lu,\n  \"recovered\": %lu,\n",
           n_reports, n_malformed, n_recovered);
  fputs ("  \"totals\": {", f);
  put_counts_json (f, &totals);
  putc ('}', f);
  put_groups_json (f, "verdicts", &by_verdict, 1);
  put_groups_json (f, "packages", &by_package, 1);
  put_groups_json (f, "files", &by_file, 1);
  put_groups_json (f, "codes", &by_code, 0);
  put_groups_json (f, "insns", &by_insn, 0);
  fprintf (f, ",\n  \"rejected_distinct\": %lu,\n  \"rejected\": [", n);
  for (size_t i = 0; i < n_recs; i++)
    {
      const struct rec *r = recs[i];
      if (strcmp (r->verdict, "reject") != 0)
        continue;
      fputs (first ? "\n    {\"file\":" : ",\n    {\"file\":", f);
      first = 0;
      put_json (f, r->path);
      fprintf (f, ",\"line\":%lu,\"column\":%lu,\"function\":", r->line, r->column);
      put_json (f, r->function);
      fputs (",\"package\":", f);
      put_json (f, r->package);
      fputs (",\"action\":", f);
      put_json (f, r->action);
      fprintf (f, ",\"records\":%lu,\"reasons\":", r->times);
      put_reasons_json (f, r->reasons, r->n_reasons);
      fputs (",\"notes\":", f);
      put_reasons_json (f, r->notes, r->n_notes);
      putc ('}', f);
    }
  fputs (first ? "],\n  \"malformed_lines\": [" : "\n  ],\n  \"malformed_lines\": [", f);
  for (size_t i = 0; i < n_bad; i++)
    {
      fputs (i ? ",\n    {\"report\":" : "\n    {\"report\":", f);
      put_json (f, bad[i].report);
      fprintf (f, ",\"line\":%lu,\"error\":", bad[i].line);
      put_json (f, bad[i].why);
      putc ('}', f);
    }
  fputs (n_bad ? "\n  ]\n}\n" : "]\n}\n", f);
}

/* ---------------------------------------------------------------- */
/* SARIF 2.1.0.                                                     */

/* PATH percent-encoded as a URI path: everything but unreserved
   characters and '/' is escaped.  */
static void
put_uri_path (struct str *s, const char *path)
{
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *p = (const unsigned char *) path; *p; p++)
    {
      unsigned c = *p;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
          || c == '~' || c == '/')
        str_addn (s, (const char *) p, 1);
      else
        {
          char e[3] = { '%', hex[c >> 4], hex[c & 15] };
          str_addn (s, e, 3);
        }
    }
}

static char *
file_uri (const char *dir, int slash)
{
  struct str s = { 0 };
  str_add (&s, "file://");
  put_uri_path (&s, dir);
  if (slash && (s.len == 0 || s.p[s.len - 1] != '/'))
    str_add (&s, "/");
  return s.p;
}

struct sarif_ctx {
  const char *srcroot;          /* normalized, or NULL */
  struct map bases;             /* cwd -> "CWD<n>" */
  const char **base_dirs;
  size_t n_bases, cap_bases;
};

/* The artifact location of R: URI (malloc'ed) and base id (or NULL).  */
static char *
artifact_uri (struct sarif_ctx *x, const struct rec *r, const char **base)
{
  struct str s = { 0 };

  *base = NULL;
  if (x->srcroot)
    {
      char *abs = normalize_path (r->path);
      size_t n = strlen (x->srcroot);
      const char *rel = NULL;
      if (strcmp (x->srcroot, "/") == 0)
        rel = abs[0] == '/' ? abs + 1 : NULL;
      else if (strncmp (abs, x->srcroot, n) == 0 && abs[n] == '/')
        rel = abs + n + 1;
      if (rel && rel[0])
        {
          put_uri_path (&s, rel);
          *base = "SRCROOT";
          free (abs);
          return s.p;
        }
      free (abs);
    }
  if (r->file[0] == '/')
    {
      free (s.p);
      return file_uri (r->file, 0);
    }
  if (r->cwd && r->cwd[0] == '/')
    {
      struct map_entry *e = map_get (&x->bases, r->cwd);
      if (!e->val)
        {
          char id[32];
          snprintf (id, sizeof id, "CWD%zu", x->n_bases + 1);
          e->val = xstrdup (id);
          x->base_dirs = xgrow (x->base_dirs, &x->cap_bases, x->n_bases + 1,
                                sizeof *x->base_dirs);
          x->base_dirs[x->n_bases++] = e->key;
        }
      *base = e->val;
    }
  {
    const char *f = r->file;
    while (f[0] == '.' && f[1] == '/')
      f += 2;
    put_uri_path (&s, f);
  }
  if (!s.p)
    str_add (&s, "");
  return s.p;
}

static const char *
rule_level (const char *code)
{
  enum sa_code c = sa_code_from_name (code);
  return c != SA_NOTE_NONE && sa_code_is_note (c) ? "note" : "error";
}

struct rule {
  const char *id;
  int known;
};

/* The rules: every reason code the analyzer has, then any other code
   the reports use (from a newer plugin), sorted.  */
static struct rule *
sarif_rules (size_t *n)
{
  struct rule *v = NULL;
  size_t k = 0, cap = 0;
  struct map seen = { 0 };

  for (int c = 1; c < SA_CODE_COUNT; c++)
    {
      const char *name = sa_code_name ((enum sa_code) c);
      if (!name)
        continue;
      v = xgrow (v, &cap, k + 1, sizeof *v);
      v[k].id = intern (name);
      v[k].known = 1;
      k++;
      map_get (&seen, name)->val = (void *) 1;
    }
  for (size_t i = 0; i < by_code.cap; i++)
    if (by_code.tab[i].key)
      {
        struct map_entry *e = map_get (&seen, by_code.tab[i].key);
        if (e->val)
          continue;
        e->val = (void *) 1;
        v = xgrow (v, &cap, k + 1, sizeof *v);
        v[k].id = intern (by_code.tab[i].key);
        v[k].known = 0;
        k++;
      }
  for (size_t i = 0; i < seen.cap; i++)
    free (seen.tab[i].key);
  free (seen.tab);
  *n = k;
  return v;
}

static size_t
rule_index (const struct rule *rules, size_t n, const char *code)
{
  for (size_t i = 0; i < n; i++)
    if (rules[i].id == code || strcmp (rules[i].id, code) == 0)
      return i;
  return 0;
}

static void
put_rule (FILE *f, const struct rule *r, int first)
{
  const char *summary = NULL;
  struct str full = { 0 };
  enum sa_code c = sa_code_from_name (r->id);

  if (r->known)
    summary = sa_code_summary (c);
  if (!summary)
    summary = "a reason code this version of safeasm-report does not know";
  fputs (first ? "\n          {\"id\":" : ",\n          {\"id\":", f);
  put_json (f, r->id);
  fputs (",\"shortDescription\":{\"text\":", f);
  put_json (f, summary);
  str_add (&full, "safeasm reason code '");
  str_add (&full, r->id);
  str_add (&full, "': ");
  str_add (&full, summary);
  str_add (&full, strcmp (rule_level (r->id), "note") == 0
           ? ". A note: it does not reject the statement."
           : ". The statement does not keep its operand and clobber contract,"
             " or cannot be checked; see the safeasm manual, node '");
  if (strcmp (rule_level (r->id), "note") != 0)
    {
      str_add (&full, r->id);
      str_add (&full, "' (info safeasm ");
      str_add (&full, r->id);
      str_add (&full, ").");
    }
  fputs ("},\"fullDescription\":{\"text\":", f);
  put_json (f, full.p);
  fputs ("},\"defaultConfiguration\":{\"level\":", f);
  put_json (f, rule_level (r->id));
  fputs ("},\"help\":{\"text\":", f);
  free (full.p);
  full.p = NULL;
  full.len = full.cap = 0;
  str_add (&full, "See the node '");
  str_add (&full, r->id);
  str_add (&full, "' of the safeasm manual: info safeasm ");
  str_add (&full, r->id);
  put_json (f, full.p);
  fputs ("}}", f);
  free (full.p);
}

/* One result.  */
/* Identical results (same place, rule, level and message: a header
   compiled in several translation units, or by several packages) are
   given once, with the number of records and the packages.  */
struct result_agg {
  int emitted;
  unsigned long records;
  struct str packages;          /* JSON array items */
};

static char *
result_key (struct sarif_ctx *x, const struct rec *r, const struct reason *why,
            const char *level)
{
  const char *base;
  char *uri = artifact_uri (x, r, &base);
  struct str k = { 0 };
  str_add (&k, uri);
  str_addf (&k, "\x1f%s\x1f%lu\x1f%lu\x1f", base ? base : "", r->line, r->column);
  str_add (&k, why->code);
  str_addn (&k, "\x1f", 1);
  str_add (&k, level);
  str_addn (&k, "\x1f", 1);
  str_add (&k, why->message);
  if (r->repairs && why == r->reasons)
    {
      str_addn (&k, "\x1f", 1);
      str_add (&k, r->repairs);
    }
  free (uri);
  return k.p;
}

static void
put_result (FILE *f, struct sarif_ctx *x, const struct rule *rules,
            size_t n_rules, const struct rec *r, const struct reason *why,
            const char *level, const struct result_agg *agg, int *first)
{
  const char *base;
  char *uri = artifact_uri (x, r, &base);
  struct str msg = { 0 };

  str_add (&msg, why->message[0] ? why->message : why->code);
  if (r->repairs && why == r->reasons)
    {
      str_add (&msg, " (repaired: ");
      str_add (&msg, r->repairs);
      str_add (&msg, ")");
    }
  fputs (*first ? "\n        {\"ruleId\":" : ",\n        {\"ruleId\":", f);
  *first = 0;
  put_json (f, why->code);
  fprintf (f, ",\"ruleIndex\":%zu,\"level\":\"%s\",\"message\":{\"text\":",
           rule_index (rules, n_rules, why->code), level);
  put_json (f, msg.p);
  fputs ("},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":", f);
  put_json (f, uri);
  if (base)
    {
      fputs (",\"uriBaseId\":", f);
      put_json (f, base);
    }
  putc ('}', f);
  if (r->line)
    {
      fprintf (f, ",\"region\":{\"startLine\":%lu", r->line);
      if (r->column)
        fprintf (f, ",\"startColumn\":%lu", r->column);
      putc ('}', f);
    }
  putc ('}', f);
  if (r->function)
    {
      fputs (",\"logicalLocations\":[{\"name\":", f);
      put_json (f, r->function);
      fputs (",\"kind\":\"function\"}]", f);
    }
  fputs ("}],\"properties\":{\"verdict\":", f);
  put_json (f, r->verdict);
  fputs (",\"action\":", f);
  put_json (f, r->action);
  fputs (",\"packages\":[", f);
  fputs (agg->packages.p, f);
  fputs ("],\"insn\":", f);
  put_json (f, why->insn);
  fprintf (f, ",\"templateLine\":%lu,\"records\":%lu}}", why->line, agg->records);
  free (msg.p);
  free (uri);
}

/* Whether the JSON array items LIST (a "," joined list of JSON
   strings) has the string S.  */
static int
strstr_json_item (const char *list, const char *s)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *m = open_memstream (&buf, &len);
  int found = 0;
  if (!m)
    die_nomem ();
  put_json (m, s);
  fclose (m);
  for (const char *p = list; (p = strstr (p, buf)) != NULL; p++)
    if ((p == list || p[-1] == ',') && (p[len] == ',' || p[len] == '\0'))
      {
        found = 1;
        break;
      }
  free (buf);
  return found;
}

static void
print_sarif (FILE *f, const char *srcroot)
{
  struct sarif_ctx x;
  size_t n_rules, i, j;
  struct rule *rules = sarif_rules (&n_rules);
  int first = 1;
  char *root = NULL;
  struct map results = { 0 };

  memset (&x, 0, sizeof x);
  if (srcroot)
    {
      root = normalize_path (srcroot);
      x.srcroot = root;
    }
  fputs ("{\n  \"$schema\": \"" SARIF_SCHEMA_URI "\",\n  \"version\": \"2.1.0\",\n"
         "  \"runs\": [\n    {\n      \"tool\": {\"driver\": {\"name\": \"safeasm\","
         " \"version\": \"" PACKAGE_VERSION "\", \"semanticVersion\": \""
         PACKAGE_VERSION "\",\n        \"rules\": [", f);
  for (i = 0; i < n_rules; i++)
    put_rule (f, &rules[i], i == 0);
  fputs ("]}},\n      \"columnKind\": \"unicodeCodePoints\",\n"
         "      \"results\": [", f);
  for (int pass = 0; pass < 2; pass++)
    for (i = 0; i < n_recs; i++)
      {
        const struct rec *r = recs[i];
        const char *level;
        if (strcmp (r->verdict, "reject") == 0)
          level = "error";
        else if (strcmp (r->verdict, "accept") == 0)
          level = "warning";      /* repaired: the source is still wrong */
        else
          level = "note";         /* unchecked */
        for (j = 0; j < r->n_reasons + r->n_notes; j++)
          {
            const struct reason *why = j < r->n_reasons ? &r->reasons[j]
                                       : &r->notes[j - r->n_reasons];
            char *key = result_key (&x, r, why, j < r->n_reasons ? level : "note");
            struct map_entry *e = map_get (&results, key);
            struct result_agg *agg = e->val;
            free (key);
            if (pass == 0)
              {
                if (!agg)
                  {
                    agg = e->val = xmalloc (sizeof *agg);
                    memset (agg, 0, sizeof *agg);
                  }
                agg->records += r->times;
                if (!agg->packages.p
                    || !strstr_json_item (agg->packages.p, r->package))
                  {
                    FILE *m;
                    char *buf = NULL;
                    size_t len = 0;
                    m = open_memstream (&buf, &len);
                    if (!m)
                      die_nomem ();
                    put_json (m, r->package);
                    fclose (m);
                    if (agg->packages.p)
                      str_add (&agg->packages, ",");
                    str_addn (&agg->packages, buf, len);
                    free (buf);
                  }
              }
            else if (!agg->emitted)
              {
                agg->emitted = 1;
                put_result (f, &x, rules, n_rules, r, why,
                            j < r->n_reasons ? level : "note", agg, &first);
              }
          }
      }
  fputs (first ? "]" : "\n      ]", f);
  if (x.n_bases || x.srcroot)
    {
      int firstb = 1;
      fputs (",\n      \"originalUriBaseIds\": {", f);
      if (x.srcroot)
        {
          char *u = file_uri (x.srcroot, 1);
          fputs ("\n        \"SRCROOT\": {\"uri\": ", f);
          put_json (f, u);
          putc ('}', f);
          free (u);
          firstb = 0;
        }
      for (i = 0; i < x.n_bases; i++)
        {
          char *u = file_uri (x.base_dirs[i], 1);
          fputs (firstb ? "\n        " : ",\n        ", f);
          firstb = 0;
          put_json (f, map_get (&x.bases, x.base_dirs[i])->val);
          fputs (": {\"uri\": ", f);
          put_json (f, u);
          putc ('}', f);
          free (u);
        }
      fputs ("\n      }", f);
    }
  fputs (",\n      \"invocations\": [{\"executionSuccessful\": true", f);
  if (n_bad)
    {
      fputs (", \"toolExecutionNotifications\": [", f);
      for (i = 0; i < n_bad; i++)
        {
          char *u = file_uri (bad[i].report, 0);
          struct str m = { 0 };
          str_add (&m, "malformed record skipped (");
          str_add (&m, bad[i].why);
          str_add (&m, ")");
          fputs (i ? ",\n        {\"level\": \"warning\", \"message\": {\"text\": "
                 : "\n        {\"level\": \"warning\", \"message\": {\"text\": ", f);
          put_json (f, m.p);
          fputs ("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\":"
                 " {\"uri\": ", f);
          if (bad[i].report[0] == '/')
            put_json (f, u);
          else
            {
              struct str rel = { 0 };
              put_uri_path (&rel, bad[i].report[0] == '<' ? "stdin" : bad[i].report);
              put_json (f, rel.p);
              free (rel.p);
            }
          fprintf (f, "}, \"region\": {\"startLine\": %lu}}}]}", bad[i].line);
          free (u);
          free (m.p);
        }
      fputs ("\n      ]", f);
    }
  fputs ("}]\n    }\n  ]\n}\n", f);

  for (i = 0; i < x.bases.cap; i++)
    if (x.bases.tab[i].key)
      {
        free (x.bases.tab[i].key);
        free (x.bases.tab[i].val);
      }
  free (x.bases.tab);
  free (x.base_dirs);
  for (i = 0; i < results.cap; i++)
    if (results.tab[i].key)
      {
        struct result_agg *agg = results.tab[i].val;
        free (results.tab[i].key);
        free (agg->packages.p);
        free (agg);
      }
  free (results.tab);
  free (rules);
  free (root);
}

/* ---------------------------------------------------------------- */
/* Main.                                                            */

static void
usage (FILE *f)
{
  fprintf (f,
"usage: %s [OPTION]... FILE...\n"
"Summarise safeasm JSON Lines reports (FILE \"-\": standard input).\n"
"\n"
"  --by=WHAT[,WHAT]   print only these tables after the totals: package,\n"
"                     file, code, insn, verdict (repeatable)\n"
"  --rejected         print the rejected statements (with --by: as well)\n"
"  --json             print the summary as JSON instead of text\n"
"  --sarif[=OUT]      write SARIF 2.1.0 to OUT (default: standard output,\n"
"                     instead of the summary)\n"
"  --srcroot=DIR      in SARIF, make paths under DIR relative to the base\n"
"                     id SRCROOT\n"
"  --fail-on-reject   exit with status 1 if any statement was rejected\n"
"  --help, --version\n"
"\n"
"Without --by or --rejected the summary has the totals, every table and\n"
"the rejected statements.  Malformed lines are reported on standard error,\n"
"counted and skipped.  Exit status: 0; 1 with --fail-on-reject when a\n"
"statement was rejected; 2 on a usage or I/O error.\n", progname);
}

static int
parse_by (const char *list, unsigned *sections)
{
  const char *p = list;
  while (*p)
    {
      const char *e = strchr (p, ',');
      size_t n = e ? (size_t) (e - p) : strlen (p);
      static const struct { const char *name; unsigned bit; } names[] = {
        { "package", SEC_PACKAGE }, { "file", SEC_FILE }, { "code", SEC_CODE },
        { "insn", SEC_INSN }, { "verdict", SEC_VERDICT }
      };
      size_t i;
      for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen (names[i].name) == n && strncmp (p, names[i].name, n) == 0)
          break;
      if (i == sizeof names / sizeof names[0])
        {
          fprintf (stderr, "%s: --by: unknown table '%.*s' (package, file, code,"
                   " insn, verdict)\n", progname, (int) n, p);
          return 0;
        }
      *sections |= names[i].bit;
      p += n;
      if (*p == ',')
        p++;
    }
  return 1;
}

static int
finish (FILE *f, const char *name)
{
  int bad_write = ferror (f);
  if (f == stdout ? fflush (f) != 0 : fclose (f) != 0)
    bad_write = 1;
  if (bad_write)
    {
      fprintf (stderr, "%s: error writing %s\n", progname, name);
      return 0;
    }
  return 1;
}

int
main (int argc, char **argv)
{
  unsigned sections = 0;
  int json = 0, sarif = 0, fail_on_reject = 0, status = 0, nfiles = 0;
  const char *sarif_out = NULL, *srcroot = NULL;
  int i, only_files = 0;
  char **files = xmalloc ((size_t) (argc + 1) * sizeof *files);
  char *root_buf = NULL;

  for (i = 1; i < argc; i++)
    {
      const char *a = argv[i];
      if (only_files || a[0] != '-' || strcmp (a, "-") == 0)
        files[nfiles++] = argv[i];
      else if (strcmp (a, "--") == 0)
        only_files = 1;
      else if (strncmp (a, "--by=", 5) == 0)
        {
          if (!parse_by (a + 5, &sections))
            {
              free (files);
              return 2;
            }
        }
      else if (strcmp (a, "--rejected") == 0)
        sections |= SEC_REJECTED;
      else if (strcmp (a, "--json") == 0)
        json = 1;
      else if (strcmp (a, "--sarif") == 0)
        sarif = 1, sarif_out = NULL;
      else if (strncmp (a, "--sarif=", 8) == 0 && a[8])
        sarif = 1, sarif_out = a + 8;
      else if (strncmp (a, "--srcroot=", 10) == 0 && a[10])
        srcroot = a + 10;
      else if (strcmp (a, "--fail-on-reject") == 0)
        fail_on_reject = 1;
      else if (strcmp (a, "--help") == 0)
        {
          free (files);
          usage (stdout);
          return finish (stdout, "standard output") ? 0 : 2;
        }
      else if (strcmp (a, "--version") == 0)
        {
          free (files);
          printf ("safeasm-report (safeasm) %s\n", PACKAGE_VERSION);
          return finish (stdout, "standard output") ? 0 : 2;
        }
      else
        {
          fprintf (stderr, "%s: unknown option '%s'\n", progname, a);
          free (files);
          usage (stderr);
          return 2;
        }
    }
  if (nfiles == 0 || (json && sarif && (!sarif_out || strcmp (sarif_out, "-") == 0)))
    free (files);
  if (nfiles == 0)
    {
      fprintf (stderr, "%s: no report file given (\"-\" reads standard input)\n",
               progname);
      usage (stderr);
      return 2;
    }
  if (sarif && sarif_out && strcmp (sarif_out, "-") == 0)
    sarif_out = NULL;
  if (json && sarif && !sarif_out)
    {
      fprintf (stderr, "%s: --json and --sarif cannot both go to standard output\n",
               progname);
      return 2;
    }
  if (srcroot && srcroot[0] != '/')
    {
      char cwd[4096];
      if (!getcwd (cwd, sizeof cwd))
        {
          fprintf (stderr, "%s: --srcroot: cannot get the current directory: %s\n",
                   progname, strerror (errno));
          return 2;
        }
      struct str s = { 0 };
      str_add (&s, cwd);
      str_add (&s, "/");
      str_add (&s, srcroot);
      srcroot = root_buf = s.p;
    }
  if (sections == 0)
    sections = SEC_ALL;

  for (i = 0; i < nfiles; i++)
    if (read_report (files[i]) != 0)
      status = 2;
  free (files);
  if (n_recs)
    qsort (recs, n_recs, sizeof *recs, rec_cmp);

  if (sarif)
    {
      FILE *f = stdout;
      if (sarif_out)
        {
          f = fopen (sarif_out, "w");
          if (!f)
            {
              fprintf (stderr, "%s: cannot create %s: %s\n", progname, sarif_out,
                       strerror (errno));
              return 2;
            }
        }
      print_sarif (f, srcroot);
      free (root_buf);
      root_buf = NULL;
      if (!finish (f, sarif_out ? sarif_out : "standard output"))
        return 2;
    }
  if (!sarif || sarif_out)
    {
      if (json)
        print_json (stdout);
      else
        print_text (stdout, sections);
      if (!finish (stdout, "standard output"))
        return 2;
    }
  free (root_buf);
  if (status == 0 && fail_on_reject && totals.rejected)
    status = 1;
  return status;
}
