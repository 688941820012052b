/* loader.cc -- safeasm.so, what GCC loads: the plugin's arguments
   (args.cc), its pass, and the core (safeasm-core.so), loaded from the
   same directory when the pass first meets an asm statement.

   GCC loads a plugin with RTLD_NOW: every symbol it imports is looked
   up at once, and each lookup reads pages of cc1's symbol tables, which
   count in cc1's memory.  So this part imports little, and the core,
   which calls much of GCC, is loaded with RTLD_LAZY, binding only what
   it calls, and only by a translation unit that has asm.  The pass is
   placed, and its scan costs, the same as before: one walk over each
   function's high GIMPLE body.  */

#include "plugin.h"
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int plugin_is_GPL_compatible __attribute__ ((visibility ("default")));

static struct plugin_info safeasm_plugin_info = {
  SAFEASM_VERSION, safeasm_help_text
};

static char core_path[4096];    /* DIR/safeasm-core.so */
static struct safeasm_core core;
static int core_state;          /* 0 not loaded, 1 loaded, -1 failed */
static int report_fd = -1;
static struct plugin_gcc_version *running_gcc;

/* Load the core, once.  Nonzero if it is there; an error otherwise
   (the compilation fails: no asm goes unchecked).  */
static int
load_core (void)
{
  void *h;
  safeasm_core_init_fn *init;

  if (core_state)
    return core_state > 0;
  core_state = -1;
  h = dlopen (core_path, RTLD_LAZY | RTLD_LOCAL);
  if (!h)
    {
      error ("safeasm: cannot load %s: %s", core_path, dlerror ());
      return 0;
    }
  init = (safeasm_core_init_fn *) dlsym (h, SAFEASM_CORE_INIT);
  if (!init)
    {
      error ("safeasm: %s has no %s: %s", core_path, SAFEASM_CORE_INIT, dlerror ());
      return 0;
    }
  if (init (SAFEASM_VERSION, SAFEASM_CORE_SIZES, running_gcc, &safeasm_cfg,
            report_fd, &core))
    {
      error ("safeasm: %s is not the core of this safeasm.so (safeasm %s for "
             "GCC %s): install the two from one build", core_path,
             SAFEASM_VERSION, running_gcc->basever);
      return 0;
    }
  report_fd = -1;               /* the core's now */
  core_state = 1;
  return 1;
}

/* walk_gimple_seq callback: note an asm statement.  Statements with
   bodies are left to the walker, which descends into them.  */
static tree
note_asm (gimple_stmt_iterator *gsi, bool *handled_ops, struct walk_stmt_info *wi)
{
  if (gimple_code (gsi_stmt (*gsi)) == GIMPLE_ASM)
    {
      *handled_ops = true;
      wi->info = wi;
    }
  else
    *handled_ops = false;
  return NULL_TREE;
}

static unsigned int
loader_execute (function *fun)
{
  struct walk_stmt_info wi;

  /* Only the high GIMPLE body this pass is placed for.  Functions that
     reach the lowering passes with a CFG were made by GCC itself.  */
  if (!fun || !fun->decl || fun->cfg || !fun->gimple_body)
    return 0;
  memset (&wi, 0, sizeof wi);
  walk_gimple_seq (fun->gimple_body, note_asm, NULL, &wi);
  if (!wi.info || !load_core ())
    return 0;
  return core.execute (fun);
}

namespace {

const pass_data safeasm_pass_data = {
  GIMPLE_PASS,          /* type */
  "safeasm",            /* name */
  OPTGROUP_NONE,        /* optinfo_flags */
  TV_NONE,              /* tv_id */
  PROP_gimple_any,      /* properties_required */
  0,                    /* properties_provided */
  0,                    /* properties_destroyed */
  0,                    /* todo_flags_start */
  0                     /* todo_flags_finish */
};

class safeasm_pass : public gimple_opt_pass
{
public:
  safeasm_pass (gcc::context *ctxt)
    : gimple_opt_pass (safeasm_pass_data, ctxt)
  {}
  virtual unsigned int execute (function *fun) override
  {
    return loader_execute (fun);
  }
  /* opt_pass's own gate, clone and set_pass_param, as overrides, so
     that the vtable imports nothing from cc1.  The pass is neither
     cloned nor given a parameter (it is not in passes.def).  */
  virtual bool gate (function *) override { return true; }
  virtual opt_pass *clone () override { abort (); }
  virtual void set_pass_param (unsigned int, bool) override { abort (); }
  /* The one pass lives in static storage (plugin_init) and is never
     deleted: with this, the plugin needs no global operator new or
     delete, so it does not load libstdc++ into cc1 (1 MB).  */
  static void operator delete (void *, size_t) {}
};

alignas (safeasm_pass) static unsigned char pass_storage[sizeof (safeasm_pass)];

} // anon namespace

/* Top-level asm is reported (by the core) when the IPA passes start,
   while the asm nodes are still listed.  */
static void
toplevel_asm (void *, void *)
{
  /* In lto1, the asm was reported when its unit was compiled.  */
  if (!in_lto_p && symtab->first_asm_symbol () && load_core ())
    core.toplevel ();
}

static void
finish (void *, void *)
{
  if (core_state > 0)
    core.finish ();
  if (report_fd >= 0)
    close (report_fd);
  report_fd = -1;
}

/* Set core_path to DIR/safeasm-core.so, DIR being the directory GCC
   loaded this plugin from (FULL_NAME, its path).  Zero if it does not
   fit.  */
static int
set_core_path (const char *full_name)
{
  const char *slash = strrchr (full_name, '/');
  size_t dir = slash ? (size_t) (slash - full_name) + 1 : 0;

  if (dir + sizeof SAFEASM_CORE_NAME > sizeof core_path)
    return 0;
  memcpy (core_path, full_name, dir);
  memcpy (core_path + dir, SAFEASM_CORE_NAME, sizeof SAFEASM_CORE_NAME);
  return 1;
}

extern "C" __attribute__ ((visibility ("default"))) int
plugin_init (struct plugin_name_args *info, struct plugin_gcc_version *version)
{
  struct register_pass_info pass;

  if (!plugin_default_version_check (version, &gcc_version))
    {
      error ("safeasm: this plugin was built for GCC %s but is loaded into "
             "GCC %s; rebuild it against the plugin headers of this GCC",
             gcc_version.basever, version->basever);
      return 1;
    }
  running_gcc = version;

#ifndef TARGET_64BIT
  error ("safeasm: this GCC does not target x86; safeasm checks x86-64 inline asm only");
  return 1;
#endif
  if (safeasm_parse_args (info->argc, info->argv))
    return 1;
  if (!set_core_path (info->full_name))
    {
      error ("safeasm: the path of the plugin is too long: %s", info->full_name);
      return 1;
    }
  /* The report is open before anything loads the core (the help
     does), which takes it at its start.  */
  if (safeasm_cfg.report_path && !safeasm_cfg.disable)
    {
      report_fd = open (safeasm_cfg.report_path,
                        O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
      if (report_fd < 0)
        {
          error ("safeasm: cannot open report file %qs: %s",
                 safeasm_cfg.report_path, xstrerror (errno));
          return 1;
        }
    }
  if (safeasm_cfg.help && load_core ())
    core.print_help ();
  if (safeasm_cfg.disable)
    return 0;                   /* loaded, but nothing registered */

  register_callback (info->base_name, PLUGIN_INFO, NULL, &safeasm_plugin_info);

  pass.pass = new (pass_storage) safeasm_pass (g);
  pass.reference_pass_name = SAFEASM_REF_PASS;
  pass.ref_pass_instance_number = 1;
  pass.pos_op = PASS_POS_INSERT_AFTER;
  register_callback (info->base_name, PLUGIN_PASS_MANAGER_SETUP, NULL, &pass);
  if (safeasm_cfg.report_path)
    register_callback (info->base_name, PLUGIN_ALL_IPA_PASSES_START,
                       toplevel_asm, NULL);
  register_callback (info->base_name, PLUGIN_FINISH, finish, NULL);
  return 0;
}
