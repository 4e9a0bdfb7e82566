/* config.h - antri.conf, an INI file, and where the database lives.
 *
 *   # comment                ; comment
 *   [office]
 *   name = PTSP Kecamatan Menteng
 *
 * Every section and key a program reads is listed in config.c's table with
 * its type; a line with an unknown key, a value of the wrong type, a
 * missing '=' or a broken [section] is an error that names the file and
 * the line.  No SDL here.
 */
#ifndef ANTRI_CONFIG_H
#define ANTRI_CONFIG_H

#include <stddef.h>

typedef struct config config;

/* Find the config file: explicit (from --config) if not NULL, else
 * $ANTRI_CONFIG, else /etc/antri/antri.conf; never a file of the current
 * folder.  Only an explicit or $ANTRI_CONFIG file must exist; otherwise no
 * file means an empty config.  On success *out must be freed with config_free().  On
 * failure returns -1 with a message "FILE:LINE: what is wrong" in err. */
int config_load(config **out, const char *explicit_path, char *err,
                size_t errlen);
/* Parse one file (missing file is an error). */
int config_load_file(config **out, const char *path, char *err,
                     size_t errlen);
void config_free(config *c);

/* The file that was read, or "" when none. */
const char *config_path(const config *c);

/* Values: the default when the key is absent.  Strings are owned by the
 * config.  Values were checked against their type when loaded. */
const char *config_str(const config *c, const char *section, const char *key,
                       const char *def);
long config_int(const config *c, const char *section, const char *key,
                long def);
int config_bool(const config *c, const char *section, const char *key,
                int def);
/* The line a key was set on, 0 when absent (for messages). */
int config_line(const config *c, const char *section, const char *key);

/* Check a value given elsewhere (a command line) by the rules of the
 * config's key: 0, or -1 with the reason in why. */
int config_check(const char *section, const char *key, const char *value,
                 char *why, size_t len);

/* The database path: explicit (from --db) if not NULL, else $ANTRI_DB,
 * else [database] path in the config, else ./antri.db.  Returns a string
 * owned by the config, or by the caller's arguments. */
const char *config_db_path(const config *c, const char *explicit_path);

#endif
