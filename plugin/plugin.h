/* plugin.h -- declarations shared by the files of the safeasm GCC
   plugin.  Included first by each of its .cc files; it pulls in the GCC
   plugin headers it needs and the analyzer API.

   The plugin is two shared objects.  GCC loads safeasm.so (loader.cc,
   args.cc): its arguments, and a pass that looks for asm statements.
   The first asm statement of a translation unit makes it load
   safeasm-core.so from the same directory (plugin.cc and the others:
   the analyzer, diagnostics, rewrites, reports).  GCC binds every
   symbol of a plugin when it loads it, and each lookup reads pages of
   cc1's symbol tables; the core, loaded lazily, binds only what it
   calls, and a file without asm never loads it.

   The guard is not PLUGIN_H: GCC's own plugin.h (included by
   gcc-plugin.h, which finds it next to itself) uses that one.  */

#ifndef SAFEASM_PLUGIN_H
#define SAFEASM_PLUGIN_H

#include "gcc-plugin.h"
#include "tm.h"
#include "tree.h"
#include "tree-pass.h"
#include "context.h"
#include "function.h"
#include "basic-block.h"
#include "gimple.h"
#include "gimple-iterator.h"
#include "gimple-walk.h"
#include "gimple-expr.h"
#include "gimplify.h"
#include "stringpool.h"
#include "cgraph.h"
#include "langhooks.h"
#include "diagnostic-core.h"
#include "builtins.h"

#include "compat.h"

#include "safeasm.h"

#define SAFEASM_VERSION "0.1.0"

/* ASCII character classes.  GCC's ISDIGIT and the like read its
   _sch_istable, one more symbol to look up in cc1 at load time.  */
static inline int
safeasm_isdigit (int c)
{
  return c >= '0' && c <= '9';
}

static inline int
safeasm_isalnum (int c)
{
  return safeasm_isdigit (c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* ---------------------------------------------------------------- */
/* args.cc: configuration.                                          */

enum safeasm_mode
{
  SAFEASM_MODE_TRAP, SAFEASM_MODE_WARN, SAFEASM_MODE_ERROR, SAFEASM_MODE_REPAIR,
  SAFEASM_MODE_AUDIT            /* as warn, with notes: -Werror cannot fail a build on them */
};

struct safeasm_config
{
  enum safeasm_mode mode;
  enum sa_policy policy;
  const char *report_path;      /* NULL: no report */
  int help;
  int explain;                  /* note the effect summary of accepted asm */
  int disable;                  /* disable / SAFEASM_DISABLE: do nothing at all */
  int conftest_same;            /* conftest=same: no warn-only rule for conftest.* */
  int conftest;                 /* this compilation is an autoconf test (conftest.*) */
};

extern struct safeasm_config safeasm_cfg;

/* Fill safeasm_cfg from the environment and ARGC/ARGV.  Reports every
   problem with error () and returns non-zero if there was one.  */
int safeasm_parse_args (int argc, const struct plugin_argument *argv);
extern const char safeasm_help_text[];

/* The names of the modes and policies, in enum order.  */
static const char *const safeasm_mode_names[] = {
  "trap", "warn", "error", "repair", "audit"
};
static const char *const safeasm_policy_names[] = { "contract", "strict" };

static inline const char *
safeasm_mode_name (enum safeasm_mode m)
{
  return (unsigned) m < ARRAY_SIZE (safeasm_mode_names) ? safeasm_mode_names[m] : "?";
}

static inline const char *
safeasm_policy_name (enum sa_policy p)
{
  return (unsigned) p < ARRAY_SIZE (safeasm_policy_names) ? safeasm_policy_names[p] : "?";
}

/* ---------------------------------------------------------------- */
/* The core (safeasm-core.so): what the loader calls.                */

#define SAFEASM_CORE_NAME "safeasm-core.so"
#define SAFEASM_CORE_INIT "safeasm_core_init"

struct safeasm_core
{
  unsigned (*execute) (function *);     /* check the asm of FUN */
  void (*toplevel) (void);              /* report the top-level asm */
  void (*finish) (void);                /* close the report, free */
  void (*print_help) (void);
};

/* The core's one exported function.  VERSION and SIZES are the
   loader's SAFEASM_VERSION and SAFEASM_CORE_SIZES, GCC the version of
   the GCC it runs in: if they are not the core's own, it returns
   nonzero (a core from another build).  Otherwise it takes the
   configuration CFG and the report file REPORT_FD (-1: none), fills
   *CORE and returns 0.  */
#define SAFEASM_CORE_SIZES \
  (sizeof (struct safeasm_config) * 1000 + sizeof (struct safeasm_core))
extern "C" {
typedef int safeasm_core_init_fn (const char *version, size_t sizes,
                                  struct plugin_gcc_version *gcc,
                                  const struct safeasm_config *cfg, int report_fd,
                                  struct safeasm_core *core);
safeasm_core_init_fn safeasm_core_init;
}

/* ---------------------------------------------------------------- */
/* report.cc: growable strings, escaping, the JSON Lines report.     */

struct safeasm_buf
{
  char *p;
  size_t len, cap;
};

void safeasm_buf_init (struct safeasm_buf *);
void safeasm_buf_free (struct safeasm_buf *);
void safeasm_buf_add (struct safeasm_buf *, const char *, size_t);
void safeasm_buf_adds (struct safeasm_buf *, const char *);
void safeasm_buf_addu (struct safeasm_buf *, unsigned long);
/* Append S for a human reader on one line: valid UTF-8 is kept,
   control characters and invalid bytes become \xNN.  */
void safeasm_buf_add_text (struct safeasm_buf *, const char *s);
/* Append S as a JSON string, quotes included.  NULL gives null.  */
void safeasm_buf_add_json (struct safeasm_buf *, const char *s);

struct safeasm_record
{
  const char *file;
  unsigned line, column;
  const char *function;         /* NULL: JSON null (top-level asm) */
  const char *tmpl;
  int intel, basic, is_volatile, is_goto, is_inline;
  const char *verdict;          /* "accept", "reject", "unchecked" */
  const char *action;           /* "kept", "trapped", "error", "none",
                                   "repaired" */
  const struct sa_result *res;  /* reasons, notes, n_insns */
  const char *summary;          /* accepted: the effect summary, else NULL */
  const char *const *repairs;   /* repaired: what was changed */
  unsigned n_repairs;
};

/* Write records to FD, the report file SAFEASM_CFG.REPORT_PATH (opened
   by the loader for appending).  */
void safeasm_report_attach (int fd);
int safeasm_report_enabled (void);
void safeasm_report_write (const struct safeasm_record *);
void safeasm_report_close (void);
extern const char *safeasm_gcc_version;

/* ---------------------------------------------------------------- */
/* rewrite.cc: the run-time trap that replaces a rejected asm.       */

/* The statements that replace STMT: zero the outputs, write MESSAGE
   (one line, newline included) to stderr, trap.  */
gimple_seq safeasm_build_trap (gasm *stmt, location_t loc,
                               const char *message, size_t len);
/* Nonzero if output OUT of STMT is also read by STMT ("+", a matching
   constraint, or the input GCC adds for a memory-only "+").  */
int safeasm_output_is_inout (gasm *stmt, unsigned out);

/* ---------------------------------------------------------------- */
/* repair.cc: mechanical fixes, mode=repair, strict constraints.     */

#define SAFEASM_MAX_FIX_CLOBBERS 16

/* The mechanical fixes (struct sa_reason's FIX) of a rejected
   statement, merged: what the fix-it hints offer and mode=repair
   applies.  */
struct safeasm_fixes
{
  unsigned n;                   /* number of fixes */
  int make_volatile;
  unsigned long long inout;     /* outputs whose '=' becomes '+' */
  unsigned long long early;     /* outputs that get '&' */
  unsigned n_clobbers;
  char clobbers[SAFEASM_MAX_FIX_CLOBBERS][16];
  int complete;                 /* with all of them the analyzer accepts */
};

/* Find the fixes for the rejected statement IN (result RES): those of
   RES's reasons, then those of the statement with them applied, until
   the analyzer accepts it or nothing new turns up.  */
void safeasm_find_fixes (const struct sa_asm *in, const struct sa_result *res,
                         struct safeasm_fixes *fx);

/* The most descriptions safeasm_repair_stmt gives: one per clobber,
   per output (of the first 64), for volatile and for a basic asm.  */
#define SAFEASM_MAX_REPAIRS (SAFEASM_MAX_FIX_CLOBBERS + 64 + 2)

/* The repaired statement: a new statement (and, in *PRE, statements
   that go before it, inside a GIMPLE_BIND declaring *VARS) or NULL if
   a fix cannot be applied to STMT; then *WHY says which.  REPAIRS
   (SAFEASM_MAX_REPAIRS entries) gets one description per change
   (xstrdup'd, for the caller to free), *N_REPAIRS their number.  */
gasm *safeasm_repair_stmt (gasm *stmt, const struct safeasm_fixes *fx,
                           gimple_seq *pre, tree *vars, char **repairs,
                           unsigned *n_repairs, const char **why);

/* policy=strict: give every operand of STMT whose constraint allows
   both a register and memory a register-only constraint.  Returns the
   number of operands changed.  */
unsigned safeasm_strict_constraints (gasm *stmt);

/* ---------------------------------------------------------------- */
/* fixit.cc: fix-it hints on the source of the statement.           */

/* The constraints of STMT as GCC had them before the plugin changed
   any (policy=strict): NOUT outputs then NIN inputs.  */
struct safeasm_orig
{
  const char **constraints;
  unsigned nout, nin;
};

/* Add to RICHLOC the source edits that make FX's fixes, if the text of
   STMT can be found and matched unambiguously.  Returns the number of
   hints added (0: none, the statement is left as it is).  */
unsigned safeasm_add_fixits (rich_location *richloc, gasm *stmt,
                             const struct safeasm_orig *orig,
                             const struct safeasm_fixes *fx);

#endif /* SAFEASM_PLUGIN_H */
