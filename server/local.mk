libvtun_a_SOURCES += server/server.c server/server.h
