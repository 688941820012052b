/* report.cc -- growable strings, text and JSON escaping, and the JSON
   Lines report (-fplugin-arg-safeasm-report=FILE).

   The report file is opened once, O_WRONLY|O_APPEND|O_CREAT, and each
   record is written with a single write () of the whole line, so that
   compilers running in parallel and sharing the file never interleave
   or lose records (O_APPEND writes to a local file are atomic).  A
   failed or short write is an error: a report with a hole in it would
   be worse than a failed build.  */

#include "plugin.h"
#include <fcntl.h>
#include <unistd.h>

static int report_fd = -1;
static const char *report_path;
static int report_failed;
/* Added to every record: the compiler's working directory, which a
   relative "file" is relative to, and the package the compile belongs
   to (SAFEASM_PACKAGE, set by build wrappers), for safeasm-report.
   NULL when unknown (the field is then left out).  */
static char *report_cwd;
static const char *report_package;

/* Set by plugin_init from the version GCC passes it.  */
const char *safeasm_gcc_version = "";

/* ---------------------------------------------------------------- */
/* Growable buffer.                                                 */

void
safeasm_buf_init (struct safeasm_buf *b)
{
  b->p = NULL;
  b->len = b->cap = 0;
}

void
safeasm_buf_free (struct safeasm_buf *b)
{
  XDELETEVEC (b->p);
  safeasm_buf_init (b);
}

/* Room for N more bytes and a NUL.  */
static void
reserve (struct safeasm_buf *b, size_t n)
{
  size_t need = b->len + n + 1;
  if (need < b->len)
    fatal_error (UNKNOWN_LOCATION, "safeasm: string too long");
  if (need > b->cap)
    {
      size_t cap = b->cap ? b->cap : 256;
      while (cap < need)
        cap = cap * 2 > cap ? cap * 2 : need;
      b->p = XRESIZEVEC (char, b->p, cap);
      b->cap = cap;
    }
}

void
safeasm_buf_add (struct safeasm_buf *b, const char *s, size_t n)
{
  reserve (b, n);
  if (n)
    memcpy (b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

void
safeasm_buf_adds (struct safeasm_buf *b, const char *s)
{
  safeasm_buf_add (b, s, strlen (s));
}

void
safeasm_buf_addu (struct safeasm_buf *b, unsigned long v)
{
  char tmp[32];
  snprintf (tmp, sizeof tmp, "%lu", v);
  safeasm_buf_adds (b, tmp);
}

/* Length of the valid UTF-8 sequence at S (S[0] >= 0x80), or 0 if the
   bytes there are not one (overlong forms, surrogates and code points
   above U+10FFFF are invalid).  */
static size_t
utf8_len (const unsigned char *s)
{
  unsigned c = s[0], cp, n, i;

  if (c >= 0xc2 && c <= 0xdf)
    n = 2, cp = c & 0x1f;
  else if (c >= 0xe0 && c <= 0xef)
    n = 3, cp = c & 0x0f;
  else if (c >= 0xf0 && c <= 0xf4)
    n = 4, cp = c & 0x07;
  else
    return 0;
  for (i = 1; i < n; i++)
    {
      if ((s[i] & 0xc0) != 0x80)        /* also stops at the NUL */
        return 0;
      cp = (cp << 6) | (s[i] & 0x3f);
    }
  if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)
      || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
    return 0;
  return n;
}

void
safeasm_buf_add_text (struct safeasm_buf *b, const char *str)
{
  const unsigned char *s = (const unsigned char *) str;
  char tmp[8];
  size_t n;

  if (!s)
    return;
  while (*s)
    {
      if (*s >= 0x20 && *s < 0x7f)
        {
          const unsigned char *start = s;
          while (*s >= 0x20 && *s < 0x7f)
            s++;
          safeasm_buf_add (b, (const char *) start, s - start);
        }
      else if (*s >= 0x80 && (n = utf8_len (s)) != 0)
        {
          safeasm_buf_add (b, (const char *) s, n);
          s += n;
        }
      else
        {
          snprintf (tmp, sizeof tmp, "\\x%02x", *s);
          safeasm_buf_adds (b, tmp);
          s++;
        }
    }
}

void
safeasm_buf_add_json (struct safeasm_buf *b, const char *str)
{
  const unsigned char *s = (const unsigned char *) str;
  char tmp[8];
  size_t n;

  if (!s)
    {
      safeasm_buf_adds (b, "null");
      return;
    }
  safeasm_buf_add (b, "\"", 1);
  while (*s)
    {
      unsigned c = *s;
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
        {
          const unsigned char *start = s;
          while (*s >= 0x20 && *s < 0x7f && *s != '"' && *s != '\\')
            s++;
          safeasm_buf_add (b, (const char *) start, s - start);
          continue;
        }
      if (c >= 0x80 && (n = utf8_len (s)) != 0)
        {
          safeasm_buf_add (b, (const char *) s, n);
          s += n;
          continue;
        }
      switch (c)
        {
        case '"': safeasm_buf_adds (b, "\\\""); break;
        case '\\': safeasm_buf_adds (b, "\\\\"); break;
        case '\n': safeasm_buf_adds (b, "\\n"); break;
        case '\t': safeasm_buf_adds (b, "\\t"); break;
        case '\r': safeasm_buf_adds (b, "\\r"); break;
        case '\b': safeasm_buf_adds (b, "\\b"); break;
        case '\f': safeasm_buf_adds (b, "\\f"); break;
        default:
          /* Other control characters, DEL, and bytes that are not
             valid UTF-8 (as the code point U+00XX).  */
          snprintf (tmp, sizeof tmp, "\\u%04x", c);
          safeasm_buf_adds (b, tmp);
          break;
        }
      s++;
    }
  safeasm_buf_add (b, "\"", 1);
}

/* ---------------------------------------------------------------- */
/* The report.                                                      */

void
safeasm_report_attach (int fd)
{
  report_fd = fd;
  report_path = safeasm_cfg.report_path;
  report_cwd = getpwd () ? xstrdup (getpwd ()) : NULL;
  report_package = getenv ("SAFEASM_PACKAGE");
  if (report_package && !*report_package)
    report_package = NULL;
}

int
safeasm_report_enabled (void)
{
  return report_fd >= 0;
}

void
safeasm_report_close (void)
{
  if (report_fd >= 0 && close (report_fd) != 0 && !report_failed)
    error_at (UNKNOWN_LOCATION, "safeasm: cannot write report file %qs: %s",
              report_path, xstrerror (errno));
  report_fd = -1;
}

static void
add_key (struct safeasm_buf *b, const char *key, int first)
{
  if (!first)
    safeasm_buf_add (b, ",", 1);
  safeasm_buf_add_json (b, key);
  safeasm_buf_add (b, ":", 1);
}

static void
add_bool (struct safeasm_buf *b, const char *key, int v)
{
  add_key (b, key, 0);
  safeasm_buf_adds (b, v ? "true" : "false");
}

static void
add_str (struct safeasm_buf *b, const char *key, const char *v)
{
  add_key (b, key, 0);
  safeasm_buf_add_json (b, v);
}

static void
add_uint (struct safeasm_buf *b, const char *key, unsigned long v)
{
  add_key (b, key, 0);
  safeasm_buf_addu (b, v);
}

static void
add_reasons (struct safeasm_buf *b, const char *key,
             const struct sa_reason *r, unsigned n)
{
  unsigned i;

  if (n > SA_MAX_REASONS)
    n = SA_MAX_REASONS;
  add_key (b, key, 0);
  safeasm_buf_add (b, "[", 1);
  for (i = 0; i < n; i++)
    {
      const char *code = sa_code_name (r[i].code);
      char msg[SA_MSG_LEN + 1], insn[SA_INSN_LEN + 1];

      /* The analyzer's buffers are NUL-terminated; do not trust it.  */
      memcpy (msg, r[i].message, SA_MSG_LEN);
      msg[SA_MSG_LEN] = '\0';
      memcpy (insn, r[i].insn, SA_INSN_LEN);
      insn[SA_INSN_LEN] = '\0';

      if (i)
        safeasm_buf_add (b, ",", 1);
      safeasm_buf_add (b, "{", 1);
      add_key (b, "code", 1);
      safeasm_buf_add_json (b, code ? code : "?");
      add_str (b, "message", msg);
      add_str (b, "insn", insn);
      add_uint (b, "line", r[i].line);
      safeasm_buf_add (b, "}", 1);
    }
  safeasm_buf_add (b, "]", 1);
}

void
safeasm_report_write (const struct safeasm_record *rec)
{
  struct safeasm_buf b;
  ssize_t w;

  if (report_fd < 0 || report_failed)
    return;

  safeasm_buf_init (&b);
  safeasm_buf_add (&b, "{", 1);
  add_key (&b, "file", 1);
  safeasm_buf_add_json (&b, rec->file ? rec->file : "");
  add_uint (&b, "line", rec->line);
  add_uint (&b, "column", rec->column);
  add_str (&b, "function", rec->function);
  add_str (&b, "template", rec->tmpl ? rec->tmpl : "");
  add_str (&b, "dialect", rec->intel ? "intel" : "att");
  add_bool (&b, "basic", rec->basic);
  add_bool (&b, "volatile", rec->is_volatile);
  add_bool (&b, "goto", rec->is_goto);
  add_bool (&b, "inline", rec->is_inline);
  add_str (&b, "policy", safeasm_policy_name (safeasm_cfg.policy));
  add_str (&b, "mode", safeasm_mode_name (safeasm_cfg.mode));
  add_str (&b, "verdict", rec->verdict);
  add_str (&b, "action", rec->action);
  add_reasons (&b, "reasons", rec->res->reasons, rec->res->n_reasons);
  add_reasons (&b, "notes", rec->res->notes, rec->res->n_notes);
  add_uint (&b, "insns", rec->res->n_insns);
  if (rec->summary)
    add_str (&b, "summary", rec->summary);
  if (rec->n_repairs)
    {
      unsigned i;
      add_key (&b, "repairs", 0);
      safeasm_buf_add (&b, "[", 1);
      for (i = 0; i < rec->n_repairs; i++)
        {
          if (i)
            safeasm_buf_add (&b, ",", 1);
          safeasm_buf_add_json (&b, rec->repairs[i]);
        }
      safeasm_buf_add (&b, "]", 1);
    }
  add_str (&b, "gcc", safeasm_gcc_version);
  add_str (&b, "plugin", SAFEASM_VERSION);
  if (report_cwd)
    add_str (&b, "cwd", report_cwd);
  if (report_package)
    add_str (&b, "package", report_package);
  safeasm_buf_add (&b, "}\n", 2);

  /* One write () per record: a retry after a partial write could
     interleave with another compiler's record, so do not retry.  */
  do
    w = write (report_fd, b.p, b.len);
  while (w < 0 && errno == EINTR);
  if (w < 0 || (size_t) w != b.len)
    {
      /* About the file, not about the statement being compiled.  */
      if (w < 0)
        error_at (UNKNOWN_LOCATION, "safeasm: cannot write report file %qs:"
                  " %s", report_path, xstrerror (errno));
      else
        error_at (UNKNOWN_LOCATION, "safeasm: short write to report file "
                  "%qs (%lu of %lu bytes); the report is incomplete",
                  report_path, (unsigned long) w, (unsigned long) b.len);
      report_failed = 1;
    }
  safeasm_buf_free (&b);
}
