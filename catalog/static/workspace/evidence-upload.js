/* Evidence uploads with a progress bar per file: files chosen or dropped on #upload-form are sent one per request
 * (XHR, so that upload progress can be shown), and each shows its own outcome. Without this script the form posts
 * all the files at once and the page says what was received and what was refused.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-upload]");
  if (!form) return;
  var input = form.querySelector("input[type=file]");
  var list = document.getElementById("uploads");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function row(file) {
    var item = document.createElement("li");
    item.className = "upload";
    var name = document.createElement("span");
    name.className = "upload__name";
    name.setAttribute("dir", "auto");
    name.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", "Uploading " + file.name);
    var state = document.createElement("span");
    state.className = "upload__state";
    state.textContent = "waiting";
    item.appendChild(name);
    item.appendChild(bar);
    item.appendChild(state);
    list.appendChild(item);
    return { item: item, bar: bar, state: state };
  }

  function settle(view, ok, message) {
    view.item.classList.add(ok ? "upload--done" : "upload--refused");
    view.state.textContent = message;
    if (ok) view.bar.value = 100;
    document.body.dispatchEvent(new CustomEvent("evidence-changed"));
  }

  function send(file, view) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", token);
    data.append("files", file, file.name);
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("Accept", "application/json");
    request.setRequestHeader("X-CSRFToken", token);
    request.upload.addEventListener("progress", function (event) {
      if (!event.lengthComputable) return;
      view.bar.value = Math.round((event.loaded / event.total) * 100);
      view.state.textContent = view.bar.value + "%";
    });
    request.addEventListener("load", function () {
      var answer = null;
      try { answer = JSON.parse(request.responseText); } catch (ignored) { answer = null; }
      if (answer && answer.received && answer.received.length) settle(view, true, answer.received.join(" "));
      else if (answer && answer.refused && answer.refused.length) settle(view, false, "Not attached: " + answer.refused.join(" "));
      else if (request.status === 401 || request.status === 403) settle(view, false, "Not attached: your session ended; log in again.");
      else settle(view, false, "Not attached: the server answered " + request.status + ".");
    });
    request.addEventListener("error", function () { settle(view, false, "Not attached: the connection failed."); });
    request.addEventListener("abort", function () { settle(view, false, "Not attached: the upload was stopped."); });
    view.state.textContent = "0%";
    request.send(data);
  }

  function upload(files) {
    Array.prototype.forEach.call(files, function (file) { send(file, row(file)); });
    input.value = "";
  }

  form.addEventListener("submit", function (event) {
    if (!input.files.length) return; // the browser's own "required" message says what is missing
    event.preventDefault();
    upload(input.files);
  });
  form.addEventListener("dragover", function (event) {
    event.preventDefault();
    form.classList.add("dropzone--over");
  });
  form.addEventListener("dragleave", function () { form.classList.remove("dropzone--over"); });
  form.addEventListener("drop", function (event) {
    event.preventDefault();
    form.classList.remove("dropzone--over");
    if (event.dataTransfer && event.dataTransfer.files.length) upload(event.dataTransfer.files);
  });
})();
