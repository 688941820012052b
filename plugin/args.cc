/* args.cc -- the plugin's arguments.

   -fplugin-arg-safeasm-KEY[=VALUE], with KEY one of

     mode=trap|warn|error|repair|audit
                            what to do with a rejected asm statement
                            (default trap)
     policy=contract|strict the analyzer's policy (default contract)
     report=FILE            append one JSON object per asm to FILE
     explain                a note with the effect summary of each
                            accepted asm statement
     disable                load, but check nothing (a package that must
                            opt out of a distribution-wide -specs file)
     conftest=warn|same     conftest.* files (autoconf tests) are checked
                            in warn mode whatever the mode (default warn),
                            or in the same mode as everything else
     help                   describe the arguments and reason codes

   The environment variables SAFEASM_MODE, SAFEASM_POLICY and
   SAFEASM_REPORT give defaults for mode, policy and report (an empty
   variable counts as unset); an explicit -fplugin-arg-safeasm-KEY
   always wins over them.  SAFEASM_DISABLE=1 is disable (0 or empty:
   not disabled).  This lets a build that cannot change its
   compiler flags (CFLAGS fixed by a package) still pick a mode or a
   report file.

   An unknown key or a bad value, on the command line or in the
   environment, is an error and the plugin refuses to initialise.  */

#include "plugin.h"

struct safeasm_config safeasm_cfg = {
  SAFEASM_MODE_TRAP, SA_POLICY_CONTRACT, NULL, 0, 0, 0, 0, 0
};

static const char *const conftest_names[] = { "warn", "same" };
static const char *const disable_names[] = { "0", "1" };

const char safeasm_help_text[] =
  "checks x86-64 inline asm; arguments: mode=trap|warn|error|repair|audit, "
  "policy=contract|strict, report=FILE, explain, disable, conftest=warn|same, help "
  "(environment: SAFEASM_MODE, SAFEASM_POLICY, SAFEASM_REPORT, SAFEASM_DISABLE)";

/* Index of VALUE in NAMES[0..N-1], or -1.  */
static int
lookup (const char *value, const char *const *names, unsigned n)
{
  unsigned i;
  if (!value)
    return -1;
  for (i = 0; i < n; i++)
    if (strcmp (value, names[i]) == 0)
      return (int) i;
  return -1;
}

/* The index of VALUE among the N NAMES accepted by WHAT (an argument or
   an environment variable), or -1 after an error naming VALUE and every
   accepted value.  */
static int
choice (const char *what, const char *value, const char *const *names, unsigned n)
{
  char list[128];
  size_t len = 0;
  unsigned i;
  int k = lookup (value, names, n);

  if (k >= 0)
    return k;
  list[0] = '\0';
  for (i = 0; i < n && len < sizeof list; i++)
    len += (size_t) snprintf (list + len, sizeof list - len, "%s%s", i ? ", " : "",
                              names[i]);
  if (!value)
    error ("safeasm: %qs needs a value; accepted values: %s", what, list);
  else
    error ("safeasm: bad value %qs for %qs; accepted values: %s", value, what, list);
  return -1;
}

/* Defaults from the environment.  Returns non-zero after an error.  */
static int
parse_env (void)
{
  int bad = 0, i;
  const char *v;

  v = getenv ("SAFEASM_MODE");
  if (v && *v)
    {
      if ((i = choice ("SAFEASM_MODE", v, safeasm_mode_names,
                       ARRAY_SIZE (safeasm_mode_names))) < 0)
        bad = 1;
      else
        safeasm_cfg.mode = (enum safeasm_mode) i;
    }

  v = getenv ("SAFEASM_POLICY");
  if (v && *v)
    {
      if ((i = choice ("SAFEASM_POLICY", v, safeasm_policy_names,
                       ARRAY_SIZE (safeasm_policy_names))) < 0)
        bad = 1;
      else
        safeasm_cfg.policy = (enum sa_policy) i;
    }

  v = getenv ("SAFEASM_REPORT");
  if (v && *v)
    safeasm_cfg.report_path = v;

  v = getenv ("SAFEASM_DISABLE");
  if (v && *v)
    {
      if ((i = choice ("SAFEASM_DISABLE", v, disable_names, ARRAY_SIZE (disable_names))) < 0)
        bad = 1;
      else
        safeasm_cfg.disable = i;
    }

  return bad;
}

int
safeasm_parse_args (int argc, const struct plugin_argument *argv)
{
  int bad = parse_env (), i, k;

  for (i = 0; i < argc; i++)
    {
      const char *key = argv[i].key, *value = argv[i].value;

      if (strcmp (key, "mode") == 0)
        {
          k = choice ("-fplugin-arg-safeasm-mode", value, safeasm_mode_names,
                      ARRAY_SIZE (safeasm_mode_names));
          if (k < 0)
            bad = 1;
          else
            safeasm_cfg.mode = (enum safeasm_mode) k;
        }
      else if (strcmp (key, "policy") == 0)
        {
          k = choice ("-fplugin-arg-safeasm-policy", value, safeasm_policy_names,
                      ARRAY_SIZE (safeasm_policy_names));
          if (k < 0)
            bad = 1;
          else
            safeasm_cfg.policy = (enum sa_policy) k;
        }
      else if (strcmp (key, "report") == 0)
        {
          if (!value || !*value)
            {
              error ("safeasm: %<-fplugin-arg-safeasm-report%> needs a file "
                     "name: %<-fplugin-arg-safeasm-report=FILE%>");
              bad = 1;
            }
          else
            safeasm_cfg.report_path = value;
        }
      else if (strcmp (key, "explain") == 0)
        {
          if (value)
            {
              error ("safeasm: %<-fplugin-arg-safeasm-explain%> takes no "
                     "value (got %qs)", value);
              bad = 1;
            }
          else
            safeasm_cfg.explain = 1;
        }
      else if (strcmp (key, "disable") == 0)
        {
          if (value)
            {
              error ("safeasm: %<-fplugin-arg-safeasm-disable%> takes no "
                     "value (got %qs)", value);
              bad = 1;
            }
          else
            safeasm_cfg.disable = 1;
        }
      else if (strcmp (key, "conftest") == 0)
        {
          k = choice ("-fplugin-arg-safeasm-conftest", value, conftest_names,
                      ARRAY_SIZE (conftest_names));
          if (k < 0)
            bad = 1;
          else
            safeasm_cfg.conftest_same = k;
        }
      else if (strcmp (key, "help") == 0)
        {
          if (value)
            {
              error ("safeasm: %<-fplugin-arg-safeasm-help%> takes no value "
                     "(got %qs)", value);
              bad = 1;
            }
          else
            safeasm_cfg.help = 1;
        }
      else
        {
          error ("safeasm: unknown argument %<-fplugin-arg-safeasm-%s%>; "
                 "accepted keys: %<mode%>, %<policy%>, %<report%>, "
                 "%<explain%>, %<disable%>, %<conftest%>, %<help%>",
                 key);
          bad = 1;
        }
    }
  return bad;
}
