/* json.h -- a small strict JSON reader (RFC 8259) for safeasm-report.

   One call parses one complete JSON text held in memory (a line of a
   JSON Lines report) into a tree allocated from an arena that the
   caller frees in one go.  Anything that is not exactly one JSON value
   with optional white space around it is refused with a message:
   truncated text, trailing bytes, invalid UTF-8, lone surrogates,
   control characters in strings, duplicate keys, nesting deeper than
   JSON_MAX_DEPTH.  */

#ifndef SAFEASM_REPORT_JSON_H
#define SAFEASM_REPORT_JSON_H

#include <stddef.h>

#define JSON_MAX_DEPTH 64

enum json_type {
  JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING,
  JSON_ARRAY, JSON_OBJECT
};

struct json;

struct json_member {
  const char *key;              /* decoded, NUL-terminated */
  size_t key_len;
  struct json *value;
};

struct json {
  enum json_type type;
  /* JSON_STRING: the decoded UTF-8 text, NUL-terminated (it may also
     hold NULs from \u0000: LEN counts the bytes).  JSON_NUMBER: the
     number as written.  */
  const char *str;
  size_t len;
  /* JSON_NUMBER: 1 if it is a non-negative integer without fraction or
     exponent that fits in UVAL.  */
  int is_uint;
  unsigned long long uval;
  /* JSON_ARRAY: N items.  JSON_OBJECT: N members.  */
  size_t n;
  struct json **items;
  struct json_member *members;
};

/* Memory for the trees of one parse.  */
struct json_arena {
  struct json_arena_block *blocks;
};

void json_arena_init (struct json_arena *);
void json_arena_free (struct json_arena *);

/* Parse the LEN bytes at TEXT.  Returns the tree, or NULL with a
   message in ERR (ERRLEN bytes) and the byte offset of the problem in
   *ERRPOS (when ERRPOS is not NULL).  Out of memory is reported the
   same way.  */
struct json *json_parse (struct json_arena *, const char *text, size_t len,
                         char *err, size_t errlen, size_t *errpos);

/* Member KEY of object O, or NULL (also when O is not an object).  */
const struct json *json_get (const struct json *o, const char *key);

/* 1 if S (LEN bytes) is valid UTF-8 (no overlong forms, surrogates or
   code points above U+10FFFF).  */
int json_utf8_valid (const char *s, size_t len);

#endif
