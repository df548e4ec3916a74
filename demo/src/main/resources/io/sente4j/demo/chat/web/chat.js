// The chat page: the sente4j browser client (see client-js) and a few DOM updates. Text is only ever set with
// textContent, never parsed as HTML.
import { connect } from '/sente4j/sente4j.js';

const $ = (id) => document.getElementById(id);
const SEND_TIMEOUT_MS = 5000;
const KEEP_PER_ROOM = 500;

const query = new URLSearchParams(location.search);
const forceAjax = query.get('transport') === 'ajax';
const chsk = connect({ path: '/chsk', type: forceAjax ? 'ajax' : 'auto' });
$('no-client').remove();

const me = $('me').textContent;
const remembered = `sente4j-demo-rooms:${me}`;   // rooms this browser joined, joined again after a server restart
let rooms = [];
let joined = [];
let current = null;
let epoch = null;
const messages = new Map();                       // room -> Map(id -> message)

// ---- connection state, the force-Ajax switch and the break button

chsk.on('state', (state) => {
  const status = $('status');
  status.classList.toggle('open', state.open);
  if (state.open) {
    status.textContent = `connected over ${state.type === 'ws' ? 'WebSocket' : 'Ajax'}`;
  } else {
    const why = state.lastClose ? ` (${state.lastClose.reason})` : '';
    status.textContent = (state.reconnecting ? 'reconnecting…' : 'disconnected') + why;
  }
  $('break').disabled = !state.open;
  $('text').disabled = !state.open;
  $('send').disabled = !state.open;
});

$('force-ajax').checked = forceAjax;
$('force-ajax').addEventListener('change', (e) => {
  const url = new URL(location.href);
  if (e.target.checked) {
    url.searchParams.set('transport', 'ajax');
  } else {
    url.searchParams.delete('transport');
  }
  location.assign(url);                           // a new page load connects with the other type
});

$('break').addEventListener('click', () => chsk.breakConnection());

// ---- what the server sends

chsk.on('handshake', (uid, data) => {
  if (data.epoch !== epoch) {                     // a restarted server numbers its messages from 1 again
    epoch = data.epoch;
    messages.clear();
  }
  const wanted = JSON.parse(localStorage.getItem(remembered) || '[]');
  rooms = data.rooms;
  setJoined(data.joined);
  showOnline(data.online);
  for (const room of rooms) {                     // reload every joined room: messages may have passed meanwhile
    if (joined.includes(room) || wanted.includes(room)) {
      join(room, false);
    }
  }
});

chsk.on('push', ([id, data]) => {
  if (id === 'chat/message') {
    add(data);
  } else if (id === 'chat/joined') {
    const before = joined;
    setJoined(data.joined);
    joined.filter((r) => !before.includes(r)).forEach((r) => join(r, false));   // another tab of mine joined
  } else if (id === 'chat/online') {
    showOnline(data.online);
  }
});

// ---- rooms

function join(room, andShow) {
  request(['chat/join', { room }], (reply) => {
    reply.history.forEach(add);                   // merged by id with pushes that came first
    setJoined(reply.joined);
    if (andShow || current === room) {
      show(room);
    }
  });
}

function leave(room) {
  request(['chat/leave', { room }], (reply) => setJoined(reply.joined));
}

function setJoined(list) {
  joined = list;
  localStorage.setItem(remembered, JSON.stringify(joined));
  if (current !== null && !joined.includes(current)) {
    current = null;
  }
  if (current === null && joined.length > 0) {
    show(joined[0]);
  }
  showRooms();
}

function showRooms() {
  const ul = $('rooms');
  ul.replaceChildren(...rooms.map((room) => {
    const li = document.createElement('li');
    li.classList.toggle('current', room === current);
    const name = button(`# ${room}`, 'room', () => show(room));
    name.disabled = !joined.includes(room);
    const toggle = joined.includes(room)
      ? button('leave', '', () => leave(room))
      : button('join', '', () => join(room, true));
    li.append(name, toggle);
    return li;
  }));
}

function show(room) {
  current = room;
  $('room-title').textContent = `# ${room}`;
  showRooms();
  showMessages();
}

// ---- messages

function add(message) {
  let kept = messages.get(message.room);
  if (kept === undefined) {
    kept = new Map();
    messages.set(message.room, kept);
  }
  kept.set(message.id, message);
  if (kept.size > KEEP_PER_ROOM) {
    kept.delete(Math.min(...kept.keys()));
  }
  if (message.room === current) {
    showMessages();
  }
}

function showMessages() {
  const ol = $('messages');
  const kept = [...(messages.get(current) || new Map()).values()].sort((a, b) => a.id - b.id);
  ol.replaceChildren(...kept.map((m) => {
    const li = document.createElement('li');
    li.append(span(m.from, 'from'), span(m.text, 'text'), span(new Date(m.at).toLocaleTimeString(), 'at'));
    return li;
  }));
  ol.scrollTop = ol.scrollHeight;
}

$('send-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('text').value.trim();
  if (text === '' || current === null) {
    return;
  }
  $('ack').textContent = 'sending…';
  request(['chat/send', { room: current, text }], (reply) => {
    $('ack').textContent = `sent: message #${reply.id}`;
    $('text').value = '';
  });
});

// ---- who is online

function showOnline(online) {
  $('online').replaceChildren(...online.map((u) => {
    const via = [u.ws ? 'WebSocket' : null, u.ajax ? 'Ajax' : null].filter(Boolean).join(' + ');
    const li = document.createElement('li');
    li.append(span(u.user, 'user'), span(via, 'via'));
    return li;
  }));
}

// ---- helpers

// A request whose reply is either the answer or {error}; failures go to the acknowledgement line.
function request(event, onReply) {
  chsk.send(event, { timeout: SEND_TIMEOUT_MS })
    .then((reply) => {
      if (reply && reply.error) {
        $('ack').textContent = `not done: ${reply.error}`;
      } else {
        onReply(reply);
      }
    })
    .catch((err) => { $('ack').textContent = `not done: ${err.reason || err}`; });
}

function button(text, className, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.className = className;
  b.addEventListener('click', onClick);
  return b;
}

function span(text, className) {
  const s = document.createElement('span');
  s.textContent = text;
  s.className = className;
  return s;
}
