/* Given to every source of the library with -include: read before their first line. */
#ifndef CPREFIX_CONFIG_H
#define CPREFIX_CONFIG_H
#define CP_CONFIG_ROUND 8
#endif
