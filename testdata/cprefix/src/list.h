#ifndef LIST_H
#define LIST_H
int list_count(const struct cp_buf* b);
#endif
