/* json.c -- a small strict JSON reader (RFC 8259); see json.h.  */

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"

/* ---------------------------------------------------------------- */
/* Arena.                                                           */

struct json_arena_block {
  struct json_arena_block *next;
  size_t used, size;
  max_align_t data[];
};

#define BLOCK_BYTES 16384

void
json_arena_init (struct json_arena *a)
{
  a->blocks = NULL;
}

void
json_arena_free (struct json_arena *a)
{
  struct json_arena_block *b = a->blocks, *next;
  for (; b; b = next)
    {
      next = b->next;
      free (b);
    }
  a->blocks = NULL;
}

static void *
arena_alloc (struct json_arena *a, size_t n)
{
  struct json_arena_block *b = a->blocks;
  size_t align = sizeof (max_align_t);

  n = (n + align - 1) / align * align;
  if (n == 0)
    n = align;
  if (!b || b->size - b->used < n)
    {
      size_t size = n > BLOCK_BYTES ? n : BLOCK_BYTES;
      if (size > SIZE_MAX - sizeof *b)
        return NULL;
      b = malloc (sizeof *b + size);
      if (!b)
        return NULL;
      b->size = size;
      b->used = 0;
      /* A big block goes second, so that the current small one is
         still used for what follows.  */
      if (a->blocks && n > BLOCK_BYTES)
        {
          b->next = a->blocks->next;
          a->blocks->next = b;
        }
      else
        {
          b->next = a->blocks;
          a->blocks = b;
        }
    }
  b->used += n;
  return (char *) b->data + b->used - n;
}

/* ---------------------------------------------------------------- */
/* UTF-8.                                                           */

/* Length of the valid UTF-8 sequence at S (N bytes available, S[0] >=
   0x80), or 0.  */
static size_t
utf8_seq (const unsigned char *s, size_t n)
{
  unsigned c = s[0], cp;
  size_t k, i;

  if (c >= 0xc2 && c <= 0xdf)
    k = 2, cp = c & 0x1f;
  else if (c >= 0xe0 && c <= 0xef)
    k = 3, cp = c & 0x0f;
  else if (c >= 0xf0 && c <= 0xf4)
    k = 4, cp = c & 0x07;
  else
    return 0;
  if (n < k)
    return 0;
  for (i = 1; i < k; i++)
    {
      if ((s[i] & 0xc0) != 0x80)
        return 0;
      cp = (cp << 6) | (s[i] & 0x3f);
    }
  if ((k == 3 && cp < 0x800) || (k == 4 && cp < 0x10000)
      || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
    return 0;
  return k;
}

int
json_utf8_valid (const char *str, size_t len)
{
  const unsigned char *s = (const unsigned char *) str;
  size_t i = 0, k;

  while (i < len)
    {
      if (s[i] < 0x80)
        i++;
      else if ((k = utf8_seq (s + i, len - i)) != 0)
        i += k;
      else
        return 0;
    }
  return 1;
}

static size_t
utf8_put (char *d, unsigned long cp)
{
  unsigned char *o = (unsigned char *) d;
  if (cp < 0x80)
    {
      o[0] = (unsigned char) cp;
      return 1;
    }
  if (cp < 0x800)
    {
      o[0] = (unsigned char) (0xc0 | (cp >> 6));
      o[1] = (unsigned char) (0x80 | (cp & 0x3f));
      return 2;
    }
  if (cp < 0x10000)
    {
      o[0] = (unsigned char) (0xe0 | (cp >> 12));
      o[1] = (unsigned char) (0x80 | ((cp >> 6) & 0x3f));
      o[2] = (unsigned char) (0x80 | (cp & 0x3f));
      return 3;
    }
  o[0] = (unsigned char) (0xf0 | (cp >> 18));
  o[1] = (unsigned char) (0x80 | ((cp >> 12) & 0x3f));
  o[2] = (unsigned char) (0x80 | ((cp >> 6) & 0x3f));
  o[3] = (unsigned char) (0x80 | (cp & 0x3f));
  return 4;
}

/* ---------------------------------------------------------------- */
/* Parser.                                                          */

struct parser {
  struct json_arena *arena;
  const unsigned char *s;
  size_t len, pos;
  char *err;
  size_t errlen, errpos;
  int failed;
};

static void
fail (struct parser *p, size_t pos, const char *fmt, ...)
{
  va_list ap;
  if (p->failed)
    return;
  p->failed = 1;
  p->errpos = pos;
  if (p->errlen)
    {
      va_start (ap, fmt);
      vsnprintf (p->err, p->errlen, fmt, ap);
      va_end (ap);
    }
}

static void
fail_here (struct parser *p, const char *what)
{
  if (p->pos >= p->len)
    fail (p, p->pos, "truncated: the text ends inside %s", what);
  else
    {
      unsigned c = p->s[p->pos];
      if (c >= 0x20 && c < 0x7f)
        fail (p, p->pos, "unexpected '%c' in %s", (int) c, what);
      else
        fail (p, p->pos, "unexpected byte 0x%02x in %s", c, what);
    }
}

static void
skip_ws (struct parser *p)
{
  while (p->pos < p->len)
    {
      unsigned c = p->s[p->pos];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      p->pos++;
    }
}

static struct json *
new_node (struct parser *p, enum json_type t)
{
  struct json *j = arena_alloc (p->arena, sizeof *j);
  if (!j)
    {
      fail (p, p->pos, "out of memory");
      return NULL;
    }
  memset (j, 0, sizeof *j);
  j->type = t;
  return j;
}

static int
hex4 (struct parser *p, size_t at, unsigned *out)
{
  unsigned v = 0;
  size_t i;
  if (p->len - at < 4)
    {
      p->pos = p->len;
      fail_here (p, "a \\u escape");
      return 0;
    }
  for (i = 0; i < 4; i++)
    {
      unsigned c = p->s[at + i], d;
      if (c >= '0' && c <= '9')
        d = c - '0';
      else if (c >= 'a' && c <= 'f')
        d = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        d = c - 'A' + 10;
      else
        {
          fail (p, at + i, "bad hex digit in a \\u escape");
          return 0;
        }
      v = v * 16 + d;
    }
  *out = v;
  return 1;
}

/* A string; P->pos is at the opening quote.  Stores the decoded text in
   *OUT and *OUTLEN.  */
static int
parse_string (struct parser *p, const char **out, size_t *outlen)
{
  size_t start = ++p->pos, end = start, k;
  char *d, *o;

  /* Find the end first: the decoded text is never longer.  */
  for (;;)
    {
      if (end >= p->len)
        {
          p->pos = end;
          fail_here (p, "a string");
          return 0;
        }
      if (p->s[end] == '"')
        break;
      if (p->s[end] == '\\')
        {
          end += 2;
          continue;
        }
      end++;
    }
  d = o = arena_alloc (p->arena, end - start + 1);
  if (!d)
    {
      fail (p, start, "out of memory");
      return 0;
    }
  while (p->pos < end)
    {
      unsigned c = p->s[p->pos];
      if (c < 0x20)
        {
          fail (p, p->pos, "control character 0x%02x in a string", c);
          return 0;
        }
      if (c >= 0x80)
        {
          k = utf8_seq (p->s + p->pos, end - p->pos);
          if (!k)
            {
              fail (p, p->pos, "invalid UTF-8 in a string");
              return 0;
            }
          memcpy (o, p->s + p->pos, k);
          o += k;
          p->pos += k;
          continue;
        }
      if (c != '\\')
        {
          *o++ = (char) c;
          p->pos++;
          continue;
        }
      c = p->s[p->pos + 1];
      switch (c)
        {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '/': *o++ = '/'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u':
          {
            unsigned u, lo;
            if (!hex4 (p, p->pos + 2, &u))
              return 0;
            if (u >= 0xdc00 && u <= 0xdfff)
              {
                fail (p, p->pos, "lone low surrogate \\u%04x", u);
                return 0;
              }
            if (u >= 0xd800 && u <= 0xdbff)
              {
                if (p->pos + 12 > end || p->s[p->pos + 6] != '\\'
                    || p->s[p->pos + 7] != 'u')
                  {
                    fail (p, p->pos, "lone high surrogate \\u%04x", u);
                    return 0;
                  }
                if (!hex4 (p, p->pos + 8, &lo))
                  return 0;
                if (lo < 0xdc00 || lo > 0xdfff)
                  {
                    fail (p, p->pos, "high surrogate \\u%04x without a low one", u);
                    return 0;
                  }
                o += utf8_put (o, 0x10000 + (((unsigned long) u - 0xd800) << 10)
                               + (lo - 0xdc00));
                p->pos += 12;
                continue;
              }
            o += utf8_put (o, u);
            p->pos += 6;
            continue;
          }
        default:
          fail (p, p->pos, "bad escape in a string");
          return 0;
        }
      p->pos += 2;
    }
  *o = '\0';
  p->pos = end + 1;
  *out = d;
  *outlen = (size_t) (o - d);
  return 1;
}

static struct json *
parse_number (struct parser *p)
{
  size_t start = p->pos;
  int integral = 1, neg = 0;
  struct json *j;
  char *t;

  if (p->s[p->pos] == '-')
    {
      neg = 1;
      p->pos++;
    }
  if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9')
    {
      fail_here (p, "a number");
      return NULL;
    }
  if (p->s[p->pos] == '0')
    p->pos++;
  else
    while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
      p->pos++;
  if (p->pos < p->len && p->s[p->pos] == '.')
    {
      integral = 0;
      p->pos++;
      if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9')
        {
          fail_here (p, "a number");
          return NULL;
        }
      while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
        p->pos++;
    }
  if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E'))
    {
      integral = 0;
      p->pos++;
      if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
        p->pos++;
      if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9')
        {
          fail_here (p, "a number");
          return NULL;
        }
      while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
        p->pos++;
    }
  j = new_node (p, JSON_NUMBER);
  if (!j)
    return NULL;
  t = arena_alloc (p->arena, p->pos - start + 1);
  if (!t)
    {
      fail (p, start, "out of memory");
      return NULL;
    }
  memcpy (t, p->s + start, p->pos - start);
  t[p->pos - start] = '\0';
  j->str = t;
  j->len = p->pos - start;
  if (integral && !neg)
    {
      unsigned long long v = 0;
      size_t i;
      j->is_uint = 1;
      for (i = start; i < p->pos; i++)
        {
          unsigned dgt = p->s[i] - '0';
          if (v > (~0ULL - dgt) / 10)
            {
              j->is_uint = 0;
              break;
            }
          v = v * 10 + dgt;
        }
      j->uval = j->is_uint ? v : 0;
    }
  return j;
}

static int
literal (struct parser *p, const char *word)
{
  size_t n = strlen (word);
  if (p->len - p->pos < n || memcmp (p->s + p->pos, word, n) != 0)
    {
      size_t i = 0;
      while (p->pos + i < p->len && i < n && p->s[p->pos + i] == (unsigned char) word[i])
        i++;
      p->pos += i;
      fail_here (p, word);
      return 0;
    }
  p->pos += n;
  return 1;
}

static struct json *parse_value (struct parser *p, int depth);

/* A growable array of pointers or members, in malloc'ed memory until
   it is copied into the arena.  */
struct vec {
  void *p;
  size_t n, cap, elt;
};

static int
vec_push (struct vec *v, const void *x)
{
  if (v->n == v->cap)
    {
      size_t cap = v->cap ? v->cap * 2 : 8;
      void *q;
      if (cap > SIZE_MAX / v->elt)
        return 0;
      q = realloc (v->p, cap * v->elt);
      if (!q)
        return 0;
      v->p = q;
      v->cap = cap;
    }
  memcpy ((char *) v->p + v->n * v->elt, x, v->elt);
  v->n++;
  return 1;
}

static void *
vec_to_arena (struct parser *p, struct vec *v)
{
  void *d;
  if (v->n == 0)
    return NULL;
  d = arena_alloc (p->arena, v->n * v->elt);
  if (!d)
    {
      fail (p, p->pos, "out of memory");
      return NULL;
    }
  memcpy (d, v->p, v->n * v->elt);
  return d;
}

static int
member_cmp (const void *a, const void *b)
{
  const struct json_member *x = a, *y = b;
  size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
  int c = memcmp (x->key, y->key, n);
  if (c)
    return c;
  return (x->key_len > y->key_len) - (x->key_len < y->key_len);
}

/* After an element of an array or object: a ',' (1: another element
   follows), CLOSE (0: the end) or anything else (-1, with an error
   naming WHAT).  */
static int
list_next (struct parser *p, char close, const char *what)
{
  skip_ws (p);
  if (p->pos < p->len && p->s[p->pos] == ',')
    {
      p->pos++;
      return 1;
    }
  if (p->pos < p->len && p->s[p->pos] == close)
    {
      p->pos++;
      return 0;
    }
  fail_here (p, what);
  return -1;
}

static struct json *
parse_array (struct parser *p, int depth)
{
  struct vec v = { NULL, 0, 0, sizeof (struct json *) };
  int k;
  struct json *j = new_node (p, JSON_ARRAY), *item;

  if (!j)
    return NULL;
  p->pos++;
  skip_ws (p);
  if (p->pos < p->len && p->s[p->pos] == ']')
    {
      p->pos++;
      return j;
    }
  for (;;)
    {
      item = parse_value (p, depth + 1);
      if (!item)
        goto out;
      if (!vec_push (&v, &item))
        {
          fail (p, p->pos, "out of memory");
          goto out;
        }
      k = list_next (p, ']', "an array");
      if (k < 0)
        goto out;
      if (k == 0)
        break;
    }
  j->n = v.n;
  j->items = vec_to_arena (p, &v);
 out:
  free (v.p);
  return p->failed ? NULL : j;
}

static struct json *
parse_object (struct parser *p, int depth)
{
  struct vec v = { NULL, 0, 0, sizeof (struct json_member) };
  struct json *j = new_node (p, JSON_OBJECT);
  struct json_member m, *sorted;
  size_t i;
  int k;

  if (!j)
    return NULL;
  p->pos++;
  skip_ws (p);
  if (p->pos < p->len && p->s[p->pos] == '}')
    {
      p->pos++;
      return j;
    }
  for (;;)
    {
      skip_ws (p);
      if (p->pos >= p->len || p->s[p->pos] != '"')
        {
          fail_here (p, "an object (a key)");
          goto out;
        }
      if (!parse_string (p, &m.key, &m.key_len))
        goto out;
      skip_ws (p);
      if (p->pos >= p->len || p->s[p->pos] != ':')
        {
          fail_here (p, "an object (after a key)");
          goto out;
        }
      p->pos++;
      m.value = parse_value (p, depth + 1);
      if (!m.value)
        goto out;
      if (!vec_push (&v, &m))
        {
          fail (p, p->pos, "out of memory");
          goto out;
        }
      k = list_next (p, '}', "an object");
      if (k < 0)
        goto out;
      if (k == 0)
        break;
    }
  j->n = v.n;
  j->members = vec_to_arena (p, &v);
  if (p->failed)
    goto out;
  /* Duplicate keys make a record ambiguous: refuse them.  */
  sorted = v.p;
  qsort (sorted, v.n, sizeof *sorted, member_cmp);
  for (i = 1; i < v.n; i++)
    if (member_cmp (&sorted[i - 1], &sorted[i]) == 0)
      {
        fail (p, p->pos, "duplicate key \"%.40s\" in an object", sorted[i].key);
        break;
      }
 out:
  free (v.p);
  return p->failed ? NULL : j;
}

static struct json *
parse_value (struct parser *p, int depth)
{
  struct json *j;

  if (depth > JSON_MAX_DEPTH)
    {
      fail (p, p->pos, "nested deeper than %d levels", JSON_MAX_DEPTH);
      return NULL;
    }
  skip_ws (p);
  if (p->pos >= p->len)
    {
      fail_here (p, "a value");
      return NULL;
    }
  switch (p->s[p->pos])
    {
    case '{':
      return parse_object (p, depth);
    case '[':
      return parse_array (p, depth);
    case '"':
      j = new_node (p, JSON_STRING);
      if (!j || !parse_string (p, &j->str, &j->len))
        return NULL;
      return j;
    case 'n':
      return literal (p, "null") ? new_node (p, JSON_NULL) : NULL;
    case 't':
      return literal (p, "true") ? new_node (p, JSON_TRUE) : NULL;
    case 'f':
      return literal (p, "false") ? new_node (p, JSON_FALSE) : NULL;
    default:
      if (p->s[p->pos] == '-' || (p->s[p->pos] >= '0' && p->s[p->pos] <= '9'))
        return parse_number (p);
      fail_here (p, "a value");
      return NULL;
    }
}

struct json *
json_parse (struct json_arena *arena, const char *text, size_t len,
            char *err, size_t errlen, size_t *errpos)
{
  struct parser p;
  struct json *j;

  p.arena = arena;
  p.s = (const unsigned char *) text;
  p.len = len;
  p.pos = 0;
  p.err = err;
  p.errlen = errlen;
  p.errpos = 0;
  p.failed = 0;
  if (errlen)
    err[0] = '\0';
  j = parse_value (&p, 0);
  if (j)
    {
      skip_ws (&p);
      if (p.pos < p.len)
        {
          fail (&p, p.pos, "text after the end of the value");
          j = NULL;
        }
    }
  if (!j && errpos)
    *errpos = p.errpos;
  return j;
}

const struct json *
json_get (const struct json *o, const char *key)
{
  size_t i, n;
  if (!o || o->type != JSON_OBJECT)
    return NULL;
  n = strlen (key);
  for (i = 0; i < o->n; i++)
    if (o->members[i].key_len == n && memcmp (o->members[i].key, key, n) == 0)
      return o->members[i].value;
  return NULL;
}
