// A QEMU Machine Protocol client for scripts on a VM host: connect to a VM's QMP socket, leave
// capabilities negotiation, run one command and print its "return" value as one line of JSON.
// Asynchronous events that arrive meanwhile are skipped. Exit status 1 when QEMU answers with
// an error (its description on stderr), 2 when the socket cannot be used. With --events it runs
// no command and prints every event, one line each, until QEMU closes the connection (a VM's
// last words: SHUTDOWN says whether the guest reset, panicked or was told to quit).
//   qmp /run/vm0.qmp query-balloon
//   qmp /run/vm0.qmp balloon '{"value": 268435456}'
//   qmp --events /run/vm0.events
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

namespace {

class QmpConnection {
public:
    explicit QmpConnection(const std::string& path) {
        fd_ = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd_ < 0) throw std::runtime_error(fmt::format("socket: {}", std::strerror(errno)));
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        if (path.size() >= sizeof(addr.sun_path)) throw std::runtime_error("socket path too long");
        std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
        if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) < 0)
            throw std::runtime_error(fmt::format("connect {}: {}", path, std::strerror(errno)));
        read_message();  // the greeting
        run("qmp_capabilities", nlohmann::json::object());
    }
    ~QmpConnection() { close(fd_); }
    QmpConnection(const QmpConnection&) = delete;
    QmpConnection& operator=(const QmpConnection&) = delete;

    // The command's reply: {"return": ...} or {"error": ...}.
    nlohmann::json run(const std::string& command, const nlohmann::json& arguments) {
        nlohmann::json request{{"execute", command}};
        if (!arguments.empty()) request["arguments"] = arguments;
        std::string line = request.dump() + "\n";
        for (std::size_t off = 0; off < line.size();) {
            ssize_t n = write(fd_, line.data() + off, line.size() - off);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) throw std::runtime_error(fmt::format("write: {}", std::strerror(errno)));
            off += static_cast<std::size_t>(n);
        }
        for (;;) {
            nlohmann::json reply = read_message();
            if (reply.contains("return") || reply.contains("error")) return reply;
        }
    }

    // The next message: an event, once no command is running; null once QEMU has gone.
    nlohmann::json next_event() {
        try {
            return read_message();
        } catch (const Closed&) {
            return nullptr;
        }
    }

private:
    struct Closed : std::runtime_error {
        Closed() : std::runtime_error("QEMU closed the connection") {}
    };

    // QMP sends one JSON object per line.
    nlohmann::json read_message() {
        for (;;) {
            auto eol = buffer_.find('\n');
            if (eol != std::string::npos) {
                std::string line = buffer_.substr(0, eol);
                buffer_.erase(0, eol + 1);
                if (!line.empty() && line != "\r") return nlohmann::json::parse(line);
                continue;
            }
            char chunk[4096];
            ssize_t n = read(fd_, chunk, sizeof(chunk));
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) throw std::runtime_error(fmt::format("read: {}", std::strerror(errno)));
            if (n == 0) throw Closed();
            buffer_.append(chunk, static_cast<std::size_t>(n));
        }
    }

    int fd_ = -1;
    std::string buffer_;
};

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"qmp: run one QMP command on a VM's monitor socket and print its return value"};
    std::string socket_path, command, arguments = "{}";
    bool events = false;
    app.add_option("socket", socket_path, "the VM's QMP socket (qemu -qmp unix:PATH,server=on,wait=off)")->required();
    auto* command_option =
        app.add_option("command", command, "a QMP command, such as query-balloon, balloon, quit");
    app.add_option("arguments", arguments, "the command's arguments as a JSON object");
    app.add_flag("--events", events, "print the events until QEMU goes, instead of running a command")
        ->excludes(command_option);
    CLI11_PARSE(app, argc, argv);
    if (!events && command.empty()) {
        fmt::print(stderr, "qmp: a command or --events is required\n");
        return 2;
    }

    try {
        if (events) {
            QmpConnection qmp(socket_path);
            for (auto event = qmp.next_event(); !event.is_null(); event = qmp.next_event()) {
                fmt::print("{}\n", event.dump());
                std::fflush(stdout);  // a VM's last words reach the file even if we are killed
            }
            return 0;
        }
        nlohmann::json args = nlohmann::json::parse(arguments);
        if (!args.is_object()) throw std::runtime_error("arguments must be a JSON object");
        QmpConnection qmp(socket_path);
        nlohmann::json reply = qmp.run(command, args);
        if (reply.contains("error")) {
            fmt::print(stderr, "qmp: {}: {}\n", command, reply["error"].value("desc", reply["error"].dump()));
            return 1;
        }
        fmt::print("{}\n", reply["return"].dump());
    } catch (const std::exception& e) {
        fmt::print(stderr, "qmp: {}\n", e.what());
        return 2;
    }
    return 0;
}
